package org.etlworkshop.move;

import com.fasterxml.jackson.databind.JsonNode;
import org.etlworkshop.UsageException;

import java.util.Arrays;
import java.util.List;

/** {@code --where path=value}: keeps a JSON line only when the value at the path has exactly that text. */
record Filter(List<String> path, String value) {

    static Filter parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--where wants json.path=value, got " + spec);
        }
        return new Filter(Arrays.asList(spec.substring(0, eq).split("\\.", -1)), spec.substring(eq + 1));
    }

    boolean keeps(JsonNode line) {
        JsonNode node = ColumnMapping.at(line, path);
        return node != null && !node.isNull() && !node.isMissingNode() && ColumnMapping.text(node).equals(value);
    }
}

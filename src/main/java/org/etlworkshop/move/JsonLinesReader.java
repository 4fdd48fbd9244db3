package org.etlworkshop.move;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.etlworkshop.Json;
import org.etlworkshop.UsageException;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * JSON Lines: one JSON object per line. Without a mapping, each key is a column of the same name
 * (the first line decides which; a later line's missing key is NULL); with {@code --map
 * column=path}, each column takes the value at a dotted path ({@code data.message}), optionally
 * converted. Objects and arrays become their JSON text (for {@code jsonb} columns), numbers keep
 * their digits, {@code null} is NULL. {@code --where path=value} keeps only the lines whose value
 * at the path is that text.
 */
final class JsonLinesReader implements RowReader {
    // Numbers as written (1.50 stays 1.50, big integers stay exact): what PostgreSQL would store.
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private final BufferedReader in;
    private final List<ColumnMapping> mappings;
    private final List<Filter> filters;
    private final List<String> columns;
    private long line;
    private String firstLine;
    private long filtered;

    JsonLinesReader(BufferedReader in, List<ColumnMapping> mappings, List<Filter> filters) throws IOException {
        this.in = in;
        this.filters = filters;
        if (!mappings.isEmpty()) {
            this.mappings = mappings;
        } else {
            firstLine = nextNonBlank();
            JsonNode first = firstLine == null ? null : parseOrNull(firstLine);
            if (first == null || !first.isObject()) {
                throw new UsageException("the JSON Lines input must start with a JSON object, to name the columns"
                        + (firstLine == null ? " (it is empty)" : ""));
            }
            List<ColumnMapping> byKey = new ArrayList<>();
            first.fieldNames().forEachRemaining(key -> byKey.add(ColumnMapping.sameName(key)));
            this.mappings = byKey;
        }
        this.columns = this.mappings.stream().map(ColumnMapping::column).toList();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    /** Lines left out by {@code --where}. */
    @Override
    public long filtered() {
        return filtered;
    }

    @Override
    public Row next() throws IOException, BadRow {
        while (true) {
            String text;
            long start;
            if (firstLine != null) {
                text = firstLine;
                firstLine = null;
            } else {
                text = nextNonBlank();
            }
            start = line;
            if (text == null) {
                return null;
            }
            JsonNode node;
            try {
                node = READER.readTree(text);
            } catch (JsonProcessingException e) {
                throw new BadRow(start, text, "not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new BadRow(start, text, "not a JSON object");
            }
            if (!filters.stream().allMatch(f -> f.keeps(node))) {
                filtered++;
                continue;
            }
            if (mappings.stream().allMatch(ColumnMapping::isSameName)) {
                for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (!columns.contains(key)) {
                        throw new BadRow(start, text, "key \"" + key + "\" is not one of the columns the first line named "
                                + columns);
                    }
                }
            }
            String[] values = new String[mappings.size()];
            for (int i = 0; i < values.length; i++) {
                try {
                    values[i] = mappings.get(i).valueOf(node);
                } catch (IllegalArgumentException e) {
                    throw new BadRow(start, text, "column " + mappings.get(i).column() + ": " + e.getMessage());
                }
            }
            return new Row(start, text, values);
        }
    }

    private String nextNonBlank() throws IOException {
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            line++;
            if (!text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return READER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

package org.etlworkshop.move;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.etlworkshop.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * JSON Lines: one JSON object per line. Without a mapping, each key is a column of the same name
 * (the first line decides which, and the table's {@code json}/{@code jsonb} columns are always
 * among them; a later line's missing key is NULL); with {@code --map column=path}, each column takes
 * the value at a dotted path ({@code data.message}), optionally converted. Into a {@code json} or
 * {@code jsonb} column a value goes as JSON of its own type (a string stays a string, {@code null}
 * is JSON null, an absent key SQL NULL), at any depth; into any other column objects and arrays go
 * as their JSON text, numbers keep their digits, {@code null} is NULL. {@code --where path=value}
 * keeps only the lines whose value at the path is that text.
 *
 * <p>A line is taken strictly or not at all: invalid UTF-8, a duplicate key, text after the object,
 * a NUL character, nesting deeper than {@value #MAX_DEPTH} levels or a line longer than
 * {@code --max-line-bytes} make it a reject at its line.
 */
final class JsonLinesReader implements RowReader {
    /** Deeper than PostgreSQL can store a jsonb (its stack runs out near 10,000 levels by default), and memory stays small. */
    static final int MAX_DEPTH = 100_000;

    // Numbers as written (1.50 stays 1.50, big integers stay exact): what PostgreSQL would store.
    private static final ObjectReader READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(Integer.MAX_VALUE).maxNumberLength(200_000).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private final SourceLines in;
    private final List<ColumnMapping> mappings;
    private final List<Filter> filters;
    private final List<String> columns;
    private final boolean[] json;
    private SourceLines.Line firstLine;
    private long filtered;

    /** @param jsonColumns the table's json and jsonb columns */
    JsonLinesReader(InputStream in, long maxLineBytes, List<ColumnMapping> mappings, List<Filter> filters, Set<String> jsonColumns)
            throws IOException {
        this.in = new SourceLines(in, maxLineBytes);
        this.filters = filters;
        if (!mappings.isEmpty()) {
            this.mappings = mappings;
        } else {
            firstLine = nextNonBlank();
            JsonNode first = firstLine == null ? null : parseOrNull(firstLine);
            if (firstLine != null && (first == null || !first.isObject())) {
                throw new UsageException("the JSON Lines input must start with a JSON object, to name the columns"
                        + (firstLine.tooLong() ? "; its first line is longer than --max-line-bytes " + String.format("%,d", maxLineBytes)
                        + ": is this JSON Lines, with line breaks?" : ""));
            }
            List<ColumnMapping> byKey = new ArrayList<>(); // none for an empty input (an export of an empty table): nothing to load
            if (first != null) {
                first.fieldNames().forEachRemaining(key -> byKey.add(ColumnMapping.sameName(key)));
            }
            for (String column : jsonColumns) { // an absent key is how a json column's SQL NULL is written
                if (byKey.stream().noneMatch(m -> m.column().equalsIgnoreCase(column))) {
                    byKey.add(ColumnMapping.sameName(column));
                }
            }
            this.mappings = byKey;
        }
        this.columns = this.mappings.stream().map(ColumnMapping::column).toList();
        this.json = new boolean[columns.size()];
        for (int i = 0; i < json.length; i++) {
            String column = columns.get(i);
            json[i] = jsonColumns.stream().anyMatch(column::equalsIgnoreCase);
        }
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
            SourceLines.Line line;
            if (firstLine != null) {
                line = firstLine;
                firstLine = null;
            } else {
                line = nextNonBlank();
            }
            if (line == null) {
                return null;
            }
            long start = line.number();
            if (line.tooLong()) {
                throw new BadRow(start, line.bytes(), "the line is longer than --max-line-bytes "
                        + String.format("%,d", line.bytes().length) + " (only its first bytes are kept here)");
            }
            String text;
            try {
                text = SourceLines.utf8(line.bytes());
            } catch (SourceLines.NotUtf8 e) {
                throw new BadRow(start, line.bytes(), e.getMessage());
            }
            JsonNode node = parse(start, text);
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
                    values[i] = mappings.get(i).valueOf(node, json[i]);
                } catch (IllegalArgumentException e) {
                    throw new BadRow(start, text, "column " + mappings.get(i).column() + ": " + e.getMessage());
                }
                if (values[i] != null && values[i].indexOf('\0') >= 0) {
                    throw new BadRow(start, text, "column " + mappings.get(i).column()
                            + ": a NUL character (\\u0000), which PostgreSQL text cannot hold");
                }
            }
            return new Row(start, text, values);
        }
    }

    private static JsonNode parse(long line, String text) throws BadRow {
        JsonNode node;
        try {
            node = READER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new BadRow(line, text, "JSON nested deeper than " + String.format("%,d", MAX_DEPTH)
                    + " levels, or a number longer than 200,000 digits");
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            throw new BadRow(line, text, why.startsWith("Trailing token") ? "text after the JSON object"
                    : "not valid JSON: " + why.replaceAll(" ?\\(?[^ ]*`(com\\.fasterxml|Deserialization)[^`]*`\\)?", ""));
        } catch (IOException e) {
            throw new BadRow(line, text, "not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRow(line, text, "not a JSON object");
        }
        return node;
    }

    private SourceLines.Line nextNonBlank() throws IOException {
        for (SourceLines.Line line = in.next(); line != null; line = in.next()) {
            if (!isBlank(line.bytes())) {
                return line;
            }
        }
        return null;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static JsonNode parseOrNull(SourceLines.Line line) {
        try {
            return line.tooLong() ? null : parse(line.number(), SourceLines.utf8(line.bytes()));
        } catch (BadRow | SourceLines.NotUtf8 e) {
            return null;
        }
    }
}

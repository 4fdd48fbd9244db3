package org.etlworkshop.move;

import com.fasterxml.jackson.databind.JsonNode;
import org.etlworkshop.UsageException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.time.DateTimeException;

/**
 * {@code --map column=path[:conversion]}: which value of a JSON line goes into a column. The path
 * is the keys from the top, joined by dots ({@code data.message}). Conversions: {@code epoch}
 * (seconds since 1970, possibly fractional, to a {@code timestamptz}) and {@code epoch-ms}.
 */
record ColumnMapping(String column, List<String> path, Conversion conversion) {

    enum Conversion { NONE, EPOCH_SECONDS, EPOCH_MILLIS }

    static ColumnMapping sameName(String key) {
        return new ColumnMapping(key, List.of(key), Conversion.NONE);
    }

    boolean isSameName() {
        return conversion == Conversion.NONE && path.size() == 1 && path.get(0).equals(column);
    }

    static ColumnMapping parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new UsageException("--map wants column=json.path[:epoch|epoch-ms], got " + spec);
        }
        String column = spec.substring(0, eq);
        String rest = spec.substring(eq + 1);
        Conversion conversion = Conversion.NONE;
        int colon = rest.lastIndexOf(':');
        if (colon > 0) {
            conversion = switch (rest.substring(colon + 1)) {
                case "epoch" -> Conversion.EPOCH_SECONDS;
                case "epoch-ms" -> Conversion.EPOCH_MILLIS;
                default -> throw new UsageException("--map " + spec + ": unknown conversion '" + rest.substring(colon + 1)
                        + "'; valid: epoch, epoch-ms");
            };
            rest = rest.substring(0, colon);
        }
        return new ColumnMapping(column, Arrays.asList(rest.split("\\.", -1)), conversion);
    }

    /**
     * The value for this column, null for SQL NULL: a missing path, or a JSON null unless the
     * column is {@code json}/{@code jsonb}, which takes any value as JSON of its own type (a string
     * stays a JSON string, {@code null} the JSON null).
     */
    String valueOf(JsonNode line, boolean jsonColumn) {
        JsonNode node = at(line, path);
        if (node == null || node.isMissingNode() || (node.isNull() && !jsonColumn)) {
            return null;
        }
        if (jsonColumn && conversion == Conversion.NONE) {
            return JsonText.of(node);
        }
        return switch (conversion) {
            case NONE -> text(node);
            case EPOCH_SECONDS -> epoch(node, 1);
            case EPOCH_MILLIS -> epoch(node, 1000);
        };
    }

    static JsonNode at(JsonNode node, List<String> path) {
        JsonNode current = node;
        for (String key : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(key);
        }
        return current;
    }

    /** Strings as they are, numbers with their digits, objects and arrays as JSON text. */
    static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.isBigDecimal() ? node.decimalValue().toString() : node.asText();
        }
        return node.isValueNode() ? node.asText() : JsonText.of(node);
    }

    private static String epoch(JsonNode node, int perSecond) {
        BigDecimal value;
        try {
            value = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + node.asText() + "\" is not a number of " + (perSecond == 1 ? "seconds" : "milliseconds"));
        }
        BigDecimal nanos = value.movePointRight(9).divide(BigDecimal.valueOf(perSecond));
        BigDecimal[] split = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        try {
            return Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValue()).toString();
        } catch (ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException(value + " is out of the range of a timestamp");
        }
    }
}

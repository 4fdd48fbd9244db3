package org.etlworkshop.transform;

import com.fasterxml.jackson.core.JsonToken;
import org.etlworkshop.scenario.AnswerType;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The rule a warehouse user can rely on: an event's value fits its question's type, written as the
 * submission wrote it. An answer that does not fit is rejected with its path and reason, and the
 * submission's other answers load.
 *
 * <ul>
 * <li>{@code number}: a JSON number, or a string holding one in JSON's grammar ({@code "12.50"}),
 *     kept exactly as written. Not {@code "12abc"}, {@code ""}, {@code "NaN"} or a boolean.</li>
 * <li>{@code boolean}: {@code true}/{@code false}, as JSON booleans or those two strings.</li>
 * <li>{@code date}: an ISO calendar date {@code YYYY-MM-DD} that exists ({@code 2024-02-29}, not
 *     {@code 2023-02-29}); years beyond four digits carry a sign, as in ISO 8601.</li>
 * <li>{@code text}: any string, number or boolean, as written.</li>
 * </ul>
 */
final class AnswerTypes {
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private AnswerTypes() {
    }

    /** Why {@code text} (a scalar of kind {@code token}) does not fit {@code type}, or null when it does. */
    static String misfit(AnswerType type, JsonToken token, String text) {
        return switch (type) {
            case TEXT -> null;
            case NUMBER -> token.isNumeric() || (token == JsonToken.VALUE_STRING && JSON_NUMBER.matcher(text).matches())
                    ? null : "not a number";
            case BOOLEAN -> token.isBoolean() || (token == JsonToken.VALUE_STRING && (text.equals("true") || text.equals("false")))
                    ? null : "not a boolean (true or false)";
            case DATE -> token == JsonToken.VALUE_STRING && isIsoDate(text) ? null : "not a date (YYYY-MM-DD)";
        };
    }

    private static boolean isIsoDate(String text) {
        try {
            LocalDate.parse(text); // ISO_LOCAL_DATE, strict: the day must exist
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}

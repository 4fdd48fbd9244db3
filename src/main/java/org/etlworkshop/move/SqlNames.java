package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.util.ArrayList;
import java.util.List;

/**
 * A dotted name as PostgreSQL reads it: parts split at dots outside double quotes; an unquoted
 * part folded to lower case (ASCII letters, as the server folds them), a quoted one taken exactly
 * with {@code ""} as a quote.
 */
final class SqlNames {
    private SqlNames() {
    }

    static List<String> qualified(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    part.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                parts.add(finished(part, wasQuoted, name));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        if (quoted) {
            throw new UsageException("the name " + name + " has a double quote that is not closed");
        }
        parts.add(finished(part, wasQuoted, name));
        return parts;
    }

    private static String finished(StringBuilder part, boolean quoted, String name) {
        String text = quoted ? part.toString() : part.toString().strip();
        if (text.isEmpty()) {
            throw new UsageException("name the table as SCHEMA.TABLE, e.g. dwh.response_events; got " + name);
        }
        return text;
    }
}

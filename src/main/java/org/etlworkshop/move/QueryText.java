package org.etlworkshop.move;

import org.etlworkshop.UsageException;

/**
 * A user's {@code --query} is one statement, checked before it reaches the server: the text is
 * scanned the way PostgreSQL's lexer reads it (quoted strings, {@code E'...'} escapes, quoted
 * identifiers, dollar quotes, line and nested block comments), and a {@code ;} outside them that is
 * followed by more than blanks and comments means a second statement, which is refused. pgjdbc's
 * own splitting cannot be trusted with it: it ignores a {@code ;} inside unbalanced parentheses,
 * which is exactly how a crafted text closes the {@code COPY (...)} around it.
 */
final class QueryText {
    private QueryText() {
    }

    /** The text as one statement (without a trailing {@code ;}), or a usage error saying why it is not one. */
    static String single(String sql) {
        int end = -1; // where the first statement's ';' is
        int i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ';') {
                if (end < 0) {
                    end = i;
                }
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = sql.indexOf('\n', i);
                i = i < 0 ? n : i + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = afterBlockComment(sql, i);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                if (end >= 0) {
                    throw new UsageException("--query takes one statement, and this text holds more than one (a ';' "
                            + "at character " + (end + 1) + " is followed by more SQL); run them one at a time");
                }
                i = afterToken(sql, i);
            }
        }
        String statement = (end < 0 ? sql : sql.substring(0, end)).strip();
        if (statement.isEmpty() || onlyComments(statement)) {
            throw new UsageException("--query is empty: give a SELECT (or VALUES, TABLE ...) whose rows to move");
        }
        return statement;
    }

    private static boolean onlyComments(String text) {
        try {
            return afterBlanksAndComments(text, 0) >= text.length();
        } catch (UsageException e) {
            return false;
        }
    }

    private static int afterBlanksAndComments(String sql, int i) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? sql.length() : eol + 1;
            } else if (sql.startsWith("/*", i)) {
                i = afterBlockComment(sql, i);
            } else {
                return i;
            }
        }
        return i;
    }

    /** Past one token that is not a comment, blank or {@code ;}: a string, a quoted identifier, a dollar-quoted body, or one character. */
    private static int afterToken(String sql, int i) {
        char c = sql.charAt(i);
        boolean tokenStart = i == 0 || !identifierChar(sql.charAt(i - 1));
        if (c == '\'') {
            return afterQuoted(sql, i + 1, '\'', false);
        }
        if (c == '"') {
            return afterQuoted(sql, i + 1, '"', false);
        }
        if ((c == 'e' || c == 'E') && tokenStart && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
            return afterQuoted(sql, i + 2, '\'', true);
        }
        if (c == '$' && tokenStart) {
            int close = sql.indexOf('$', i + 1);
            if (close > i && isDollarTag(sql.substring(i + 1, close))) {
                String tag = sql.substring(i, close + 1);
                int end = sql.indexOf(tag, close + 1);
                if (end < 0) {
                    throw new UsageException("--query has a " + tag + " quote that is not closed");
                }
                return end + tag.length();
            }
        }
        if (identifierChar(c)) {
            int j = i;
            while (j < sql.length() && identifierChar(sql.charAt(j))) {
                j++;
            }
            return j;
        }
        return i + 1;
    }

    private static int afterQuoted(String sql, int i, char quote, boolean backslashEscapes) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new UsageException("--query has a " + quote + " that is not closed");
    }

    private static int afterBlockComment(String sql, int i) {
        int depth = 0;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw new UsageException("--query has a /* comment that is not closed");
    }

    private static boolean isDollarTag(String tag) {
        if (tag.isEmpty()) {
            return true;
        }
        if (Character.isDigit(tag.charAt(0))) {
            return false;
        }
        return tag.chars().allMatch(ch -> ch != '$' && identifierChar((char) ch));
    }

    private static boolean identifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}

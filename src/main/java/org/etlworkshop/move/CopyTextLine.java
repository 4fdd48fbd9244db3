package org.etlworkshop.move;

import java.util.ArrayList;
import java.util.List;

/** One line of PostgreSQL's COPY text format back into its values: tabs between fields, {@code \N} for NULL, backslash escapes. */
final class CopyTextLine {
    private CopyTextLine() {
    }

    static String[] decode(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(isNull ? null : field.toString());
                field.setLength(0);
                isNull = false;
            } else if (c == '\\') {
                if (++i == line.length()) {
                    throw new IllegalArgumentException("a backslash ends the line");
                }
                char e = line.charAt(i);
                switch (e) {
                    case 'N' -> isNull = true;
                    case 'b' -> field.append('\b');
                    case 'f' -> field.append('\f');
                    case 'n' -> field.append('\n');
                    case 'r' -> field.append('\r');
                    case 't' -> field.append('\t');
                    case 'v' -> field.append('\u000b');
                    case 'x' -> {
                        int end = i + 1;
                        while (end < line.length() && end < i + 3 && Character.digit(line.charAt(end), 16) >= 0) {
                            end++;
                        }
                        if (end == i + 1) {
                            field.append('x');
                        } else {
                            field.append((char) Integer.parseInt(line.substring(i + 1, end), 16));
                            i = end - 1;
                        }
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int end = i;
                            while (end < line.length() && end < i + 3 && line.charAt(end) >= '0' && line.charAt(end) <= '7') {
                                end++;
                            }
                            field.append((char) Integer.parseInt(line.substring(i, end), 8));
                            i = end - 1;
                        } else {
                            field.append(e);
                        }
                    }
                }
            } else {
                field.append(c);
            }
        }
        fields.add(isNull ? null : field.toString());
        return fields.toArray(new String[0]);
    }
}

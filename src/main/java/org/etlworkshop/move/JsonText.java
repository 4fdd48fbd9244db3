package org.etlworkshop.move;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON value written back as compact JSON text, at any depth. Jackson writes a tree recursively
 * (and refuses past 1,000 levels), while PostgreSQL stores a {@code jsonb} thousands of levels
 * deep: this walks the tree with its own stack instead. Numbers keep their digits ({@code 1.50}).
 */
final class JsonText {
    private JsonText() {
    }

    static String of(JsonNode root) {
        StringBuilder out = new StringBuilder();
        Deque<Object> work = new ArrayDeque<>(); // a node to write, or a String to append, or an iterator to continue
        work.push(root);
        while (!work.isEmpty()) {
            Object next = work.pop();
            if (next instanceof String text) {
                out.append(text);
            } else if (next instanceof Iterator<?> items) {
                continueContainer(items, work, out);
            } else {
                JsonNode node = (JsonNode) next;
                if (node.isObject()) {
                    out.append('{');
                    work.push("}");
                    work.push(node.fields());
                } else if (node.isArray()) {
                    out.append('[');
                    work.push("]");
                    work.push(node.elements());
                } else {
                    scalar(node, out);
                }
            }
        }
        return out.toString();
    }

    /** Writes the separator and the key of the next member, and schedules its value and the rest. */
    private static void continueContainer(Iterator<?> items, Deque<Object> work, StringBuilder out) {
        if (!items.hasNext()) {
            return;
        }
        char last = out.charAt(out.length() - 1);
        if (last != '{' && last != '[') {
            out.append(',');
        }
        Object item = items.next();
        work.push(items);
        if (item instanceof Map.Entry<?, ?> member) {
            quoted((String) member.getKey(), out);
            out.append(':');
            work.push(member.getValue());
        } else {
            work.push(item);
        }
    }

    private static void scalar(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            quoted(node.textValue(), out);
        } else if (node.isBigDecimal()) {
            out.append(node.decimalValue().toString());
        } else if (node.isNumber() || node.isBoolean() || node.isNull()) {
            out.append(node.asText());
        } else {
            out.append(node); // binary or POJO nodes: never made by parsing text
        }
    }

    private static void quoted(String text, StringBuilder out) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
    }
}

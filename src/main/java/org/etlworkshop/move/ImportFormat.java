package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.util.Arrays;
import java.util.Locale;

/** What an import's bytes are, from {@code --format} or else from the content and the name. */
public enum ImportFormat {
    CSV, JSONL, TEXT, BINARY;

    /** PGCOPY\n\377\r\n\0: the signature every binary COPY file starts with. */
    static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    public static ImportFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "jsonl", "ndjson", "json-lines" -> JSONL;
            case "text", "copy" -> TEXT;
            case "binary" -> BINARY;
            default -> throw new UsageException("unknown format '" + name + "'; valid: csv, jsonl, text, binary");
        };
    }

    /**
     * The binary signature decides first; then the name's extension (after a {@code .gz}); then the
     * first character: {@code {} is JSON Lines, anything else CSV.
     */
    static ImportFormat detect(String fileName, byte[] head) {
        if (head.length >= BINARY_SIGNATURE.length && Arrays.equals(Arrays.copyOf(head, BINARY_SIGNATURE.length), BINARY_SIGNATURE)) {
            return BINARY;
        }
        String name = fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        if (name.endsWith(".copy") || name.endsWith(".tsv")) {
            return TEXT;
        }
        for (byte b : head) {
            if (b == '{') {
                return JSONL;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xef && b != (byte) 0xbb && b != (byte) 0xbf) {
                break;
            }
        }
        return CSV;
    }

    public String label() {
        return switch (this) {
            case CSV -> "CSV";
            case JSONL -> "JSON Lines";
            case TEXT -> "COPY text";
            case BINARY -> "COPY binary";
        };
    }
}

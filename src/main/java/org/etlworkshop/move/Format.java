package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What rows look like as bytes, for {@code etl import} and {@code etl export} alike ({@code --format}):
 * each constant knows its name, how the server's COPY reads it and how this importer parses it (its
 * {@link RowReader}). A new format is one reader class and one constant here.
 */
public enum Format {
    /** With a header naming the columns; RFC 4180 quoting; NULL an unquoted empty field, as PostgreSQL writes it. */
    CSV("CSV", " (FORMAT csv)", List.of("csv")) {
        @Override
        RowReader reader(InputStream bytes, TableColumns table, Importer.Options options) throws IOException {
            return new CsvReader(bytes, options.maxLineBytes());
        }
    },
    /** One JSON object per line; the server cannot read it, so its rows are always parsed here. */
    JSONL("JSON Lines", null, List.of("jsonl", "ndjson", "json-lines")) {
        @Override
        RowReader reader(InputStream bytes, TableColumns table, Importer.Options options) throws IOException {
            return new JsonLinesReader(bytes, options.maxLineBytes(), options.mappings(), options.filters(), table.jsonColumns());
        }
    },
    /** PostgreSQL's COPY text: a line per row, every column of the table in order. */
    TEXT("COPY text", "", List.of("text", "copy")) {
        @Override
        RowReader reader(InputStream bytes, TableColumns table, Importer.Options options) throws IOException {
            return new CopyTextReader(bytes, options.maxLineBytes(), table.names());
        }
    },
    /** PostgreSQL's COPY binary: never parsed here, passed through whole. */
    BINARY("COPY binary", " (FORMAT binary)", List.of("binary")) {
        @Override
        RowReader reader(InputStream bytes, TableColumns table, Importer.Options options) {
            throw new IllegalStateException("binary COPY is passed through, not parsed");
        }
    };

    /** PGCOPY\n\377\r\n\0: the signature every binary COPY file starts with. */
    static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final String label;
    private final String copyOptions;
    private final List<String> names;

    Format(String label, String copyOptions, List<String> names) {
        this.label = label;
        this.copyOptions = copyOptions;
        this.names = names;
    }

    /** This format's rows, one at a time, from the source's text. */
    abstract RowReader reader(InputStream bytes, TableColumns table, Importer.Options options) throws IOException;

    /** Whether the server's COPY reads it itself, so a source in it can be passed through untouched. */
    boolean serverReads() {
        return copyOptions != null;
    }

    /** What {@code COPY ... FROM STDIN} and {@code TO STDOUT} say for it: {@code " (FORMAT csv)"}, or nothing for COPY text. */
    String copyOptions() {
        return copyOptions;
    }

    public String label() {
        return label;
    }

    public static Format named(String name) {
        String given = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.names.contains(given)).findFirst()
                .orElseThrow(() -> new UsageException("unknown format '" + name + "'; valid: csv, jsonl, text, binary"));
    }

    /**
     * The binary signature decides first; then the name's extension (after a {@code .gz}); then the
     * first character: {@code {} is JSON Lines, anything else CSV.
     */
    static Format detect(String fileName, byte[] head) {
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
}

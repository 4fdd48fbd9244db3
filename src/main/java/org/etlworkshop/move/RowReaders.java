package org.etlworkshop.move;

import java.io.IOException;
import java.io.InputStream;

/** The row reader of each parsed format, all reading bytes and holding at most {@code --max-line-bytes} of a line. */
final class RowReaders {
    private RowReaders() {
    }

    static RowReader open(ImportFormat format, InputStream bytes, TableColumns table, Importer.Options options) throws IOException {
        return switch (format) {
            case CSV -> new CsvReader(bytes, options.maxLineBytes());
            case JSONL -> new JsonLinesReader(bytes, options.maxLineBytes(),
                    options.maps().stream().map(m -> ColumnMapping.parse(m.spec())).toList(),
                    options.where().stream().map(Filter::parse).toList(), table.jsonColumns());
            case TEXT -> new CopyTextReader(bytes, options.maxLineBytes(), table.names());
            case BINARY -> throw new IllegalStateException("binary COPY is passed through, not parsed");
        };
    }
}

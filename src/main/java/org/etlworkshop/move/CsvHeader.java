package org.etlworkshop.move;

import org.etlworkshop.UsageException;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The header row of a CSV stream, read byte by byte so that the rest of the stream can go to the
 * server untouched: up to the first line end outside quotes, a byte-order mark skipped, and no
 * longer than {@code --max-line-bytes} (a stream without a line break is refused, not buffered).
 */
final class CsvHeader {
    /** @param lines how many lines of the source the header took (1 unless a quoted name holds a line break) */
    record Header(List<String> columns, int lines) {
    }

    private CsvHeader() {
    }

    static Header read(BufferedInputStream in, long maxLineBytes) throws IOException {
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xff) == 0xef && (bom[1] & 0xff) == 0xbb && (bom[2] & 0xff) == 0xbf)) {
            in.reset();
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        boolean quoted = false;
        int lines = 1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n' && !quoted) {
                break;
            } else if (b == '\n') {
                lines++;
            }
            if (header.size() == maxLineBytes) {
                throw new UsageException("the CSV header (line 1) is longer than --max-line-bytes " + String.format("%,d", maxLineBytes)
                        + ": is this CSV, with line breaks?");
            }
            header.write(b);
        }
        return new Header(new CsvReader(new ByteArrayInputStream(header.toByteArray()), maxLineBytes).columns(), lines);
    }
}

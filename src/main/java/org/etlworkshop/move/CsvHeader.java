package org.etlworkshop.move;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The header row of a CSV stream, read byte by byte so that the rest of the stream can go to the
 * server untouched: up to the first line end outside quotes, a byte-order mark skipped.
 */
final class CsvHeader {
    private CsvHeader() {
    }

    static List<String> read(BufferedInputStream in) throws IOException {
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xff) == 0xef && (bom[1] & 0xff) == 0xbb && (bom[2] & 0xff) == 0xbf)) {
            in.reset();
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        boolean quoted = false;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n' && !quoted) {
                break;
            }
            header.write(b);
        }
        return new CsvReader(new StringReader(header.toString(StandardCharsets.UTF_8).replaceFirst("\r$", ""))).columns();
    }
}

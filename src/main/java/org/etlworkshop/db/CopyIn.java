package org.etlworkshop.db;

import org.etlworkshop.EtlException;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;

/**
 * Streams rows into {@code COPY ... FROM STDIN} as the server pulls them: an {@link InputStream}
 * that encodes the next rows only when pgjdbc asks for more bytes. No temp file and no whole batch in
 * memory: at any moment only one buffer of encoded rows exists (the Java version of wrapping a
 * Python generator in a file-like object).
 */
public final class CopyIn {
    private static final int BUFFER_CHARS = 64 * 1024;

    private CopyIn() {
    }

    /** How one row of {@code T} becomes COPY text fields, in the column order of the COPY command. */
    @FunctionalInterface
    public interface RowEncoder<T> {
        void encode(T row, CopyTextRow out);
    }

    /** Runs {@code copySql} (a {@code COPY ... FROM STDIN}) on the connection; returns the rows the server took. */
    public static <T> long copy(Connection connection, String copySql, Iterator<? extends T> rows, RowEncoder<T> encoder) {
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            return pg.getCopyAPI().copyIn(copySql, new EncodingStream<>(rows, encoder), BUFFER_CHARS);
        } catch (SQLException | IOException e) {
            throw new EtlException("COPY failed: " + e.getMessage(), e);
        }
    }

    private static final class EncodingStream<T> extends InputStream {
        private final Iterator<? extends T> rows;
        private final RowEncoder<T> encoder;
        private final StringBuilder text = new StringBuilder(BUFFER_CHARS + 4096);
        private final CopyTextRow row = new CopyTextRow(text);
        private byte[] bytes = new byte[0];
        private int position;

        EncodingStream(Iterator<? extends T> rows, RowEncoder<T> encoder) {
            this.rows = rows;
            this.encoder = encoder;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position == bytes.length && !refill()) {
                return -1;
            }
            int n = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }

        /** Encodes the next rows, about one buffer's worth, when the previous bytes are all sent. */
        private boolean refill() {
            text.setLength(0);
            while (text.length() < BUFFER_CHARS && rows.hasNext()) {
                encoder.encode(rows.next(), row);
                row.end();
            }
            bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            position = 0;
            return bytes.length > 0;
        }
    }
}

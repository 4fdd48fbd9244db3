package org.etlworkshop.db;

import org.etlworkshop.EtlException;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
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
    public static final int BUFFER_BYTES = 64 * 1024;

    private CopyIn() {
    }

    /** How one row of {@code T} becomes COPY fields, in the column order of the COPY command. */
    @FunctionalInterface
    public interface RowEncoder<T, R> {
        void encode(T row, R out);
    }

    /** Text format. Runs {@code copySql} (a {@code COPY ... FROM STDIN}); returns the rows the server took. */
    public static <T> long copy(Connection connection, String copySql, Iterator<? extends T> rows,
                                RowEncoder<T, CopyTextRow> encoder) {
        return run(connection, copySql, textStream(rows, encoder));
    }

    /** Binary format ({@code COPY ... FROM STDIN (FORMAT binary)}) with {@code fieldCount} fields per row. */
    public static <T> long copyBinary(Connection connection, String copySql, int fieldCount, Iterator<? extends T> rows,
                                      RowEncoder<T, CopyBinaryRow> encoder) {
        return run(connection, copySql, binaryStream(fieldCount, rows, encoder));
    }

    /** The rows in COPY text format, encoded as the stream is read. */
    public static <T> InputStream textStream(Iterator<? extends T> rows, RowEncoder<T, CopyTextRow> encoder) {
        ByteSink sink = new ByteSink(BUFFER_BYTES + 8192);
        CopyTextRow row = new CopyTextRow(sink);
        return new EncodingStream(sink, null, null) {
            @Override
            boolean encodeNext() {
                if (!rows.hasNext()) {
                    return false;
                }
                encoder.encode(rows.next(), row);
                row.end();
                return true;
            }
        };
    }

    /** The rows in COPY binary format (header, rows, trailer), encoded as the stream is read. */
    public static <T> InputStream binaryStream(int fieldCount, Iterator<? extends T> rows,
                                               RowEncoder<T, CopyBinaryRow> encoder) {
        ByteSink sink = new ByteSink(BUFFER_BYTES + 8192);
        CopyBinaryRow row = new CopyBinaryRow(sink, fieldCount);
        return new EncodingStream(sink, CopyBinaryRow.HEADER, new byte[]{-1, -1}) {
            @Override
            boolean encodeNext() {
                if (!rows.hasNext()) {
                    return false;
                }
                row.begin();
                encoder.encode(rows.next(), row);
                return true;
            }
        };
    }

    /** Sends {@code stream} (already in the COPY command's format) to {@code COPY ... FROM STDIN}. */
    public static long run(Connection connection, String copySql, InputStream stream) {
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            return pg.getCopyAPI().copyIn(copySql, stream, BUFFER_BYTES);
        } catch (SQLException | IOException e) {
            throw new EtlException("COPY failed: " + e.getMessage(), e);
        }
    }

    /** Hands out encoded bytes, encoding about one buffer's worth of rows whenever it runs dry. */
    private abstract static class EncodingStream extends InputStream {
        private final ByteSink sink;
        private final byte[] header;
        private final byte[] trailer;
        private boolean started;
        private boolean finished;
        private int position;

        EncodingStream(ByteSink sink, byte[] header, byte[] trailer) {
            this.sink = sink;
            this.header = header;
            this.trailer = trailer;
        }

        /** Encodes one more row into the sink; false when there are no more rows. */
        abstract boolean encodeNext();

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position == sink.size() && !refill()) {
                return -1;
            }
            int n = Math.min(length, sink.size() - position);
            System.arraycopy(sink.array(), position, target, offset, n);
            position += n;
            return n;
        }

        private boolean refill() {
            if (finished) {
                return false;
            }
            sink.clear();
            position = 0;
            if (!started && header != null) {
                for (byte b : header) {
                    sink.writeByte(b);
                }
            }
            started = true;
            while (sink.size() < BUFFER_BYTES) {
                if (!encodeNext()) {
                    finished = true;
                    if (trailer != null) {
                        for (byte b : trailer) {
                            sink.writeByte(b);
                        }
                    }
                    break;
                }
            }
            return sink.size() > 0;
        }
    }
}

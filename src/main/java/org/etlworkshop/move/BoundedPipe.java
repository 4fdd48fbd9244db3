package org.etlworkshop.move;

import org.etlworkshop.concurrent.BoundedHandoff;
import org.etlworkshop.concurrent.FirstFailure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The named-pipe technique without the pipe: a writer thread and a reader thread joined by a
 * {@link BoundedHandoff} of at most {@code chunks} buffers of 64 KiB, so memory is bounded and the
 * faster side waits for the slower one. Unlike {@link java.io.PipedInputStream}, a writer that fails
 * makes the reader fail too ({@link #fail}), instead of looking like a normal end of data that would
 * let a half-copied stream commit.
 */
final class BoundedPipe {
    private static final int CHUNK = 1 << 16;

    private final BoundedHandoff<byte[]> chunks;

    BoundedPipe(int chunks) {
        this.chunks = new BoundedHandoff<>(1, chunks); // one consumer: the reader
    }

    /** The reader side fails with this cause on its next read, the writer side on its next write. */
    void fail(Throwable cause) {
        chunks.fail(cause);
    }

    OutputStream writer() {
        return new OutputStream() {
            private final byte[] buffer = new byte[CHUNK];
            private int size;

            @Override
            public void write(int b) throws IOException {
                buffer[size++] = (byte) b;
                if (size == CHUNK) {
                    flushChunk();
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                while (length > 0) {
                    int n = Math.min(length, CHUNK - size);
                    System.arraycopy(bytes, offset, buffer, size, n);
                    size += n;
                    offset += n;
                    length -= n;
                    if (size == CHUNK) {
                        flushChunk();
                    }
                }
            }

            private void flushChunk() throws IOException {
                byte[] chunk = Arrays.copyOf(buffer, size);
                size = 0;
                try {
                    chunks.put(0, chunk);
                } catch (FirstFailure stopped) {
                    throw new IOException("the reading side stopped", stopped.getCause());
                }
            }

            /** The end of data: the reader's next read after the last chunk returns -1. */
            @Override
            public void close() throws IOException {
                if (size > 0) {
                    flushChunk();
                }
                try {
                    chunks.end();
                } catch (FirstFailure stopped) {
                    throw new IOException("the reading side stopped", stopped.getCause());
                }
            }
        };
    }

    InputStream reader() {
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int position;
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                while (position == chunk.length) {
                    if (ended) {
                        return -1;
                    }
                    byte[] next;
                    try {
                        next = chunks.take(0);
                    } catch (FirstFailure failed) {
                        throw new IOException("the source failed: " + failed.getCause().getMessage(), failed.getCause());
                    }
                    if (next == null) {
                        ended = true;
                        return -1;
                    }
                    chunk = next;
                    position = 0;
                }
                int n = Math.min(length, chunk.length - position);
                System.arraycopy(chunk, position, target, offset, n);
                position += n;
                return n;
            }
        };
    }
}

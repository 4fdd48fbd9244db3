package org.etlworkshop.move;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The named-pipe technique without the pipe: a writer thread and a reader thread joined by a
 * queue of at most {@code chunks} buffers of 64 KiB, so memory is bounded and the faster side
 * waits for the slower one. Unlike {@link java.io.PipedInputStream}, a writer that fails makes
 * the reader fail too ({@link #fail}), instead of looking like a normal end of data that would let a
 * half-copied stream commit.
 */
final class BoundedPipe {
    private static final int CHUNK = 1 << 16;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue;
    private volatile Throwable failure;

    BoundedPipe(int chunks) {
        this.queue = new ArrayBlockingQueue<>(chunks);
    }

    /** The reader side fails with this cause on its next read. */
    void fail(Throwable cause) {
        failure = cause;
        queue.clear();
        queue.offer(END);
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
                put(Arrays.copyOf(buffer, size));
                size = 0;
            }

            @Override
            public void close() throws IOException {
                if (size > 0) {
                    flushChunk();
                }
                put(END);
            }

            private void put(byte[] chunk) throws IOException {
                if (failure != null) {
                    throw new IOException("the reading side stopped", failure);
                }
                try {
                    queue.put(chunk);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
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
                    try {
                        chunk = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    position = 0;
                    if (failure != null) {
                        throw new IOException("the source failed: " + failure.getMessage(), failure);
                    }
                    if (chunk == END) {
                        ended = true;
                        return -1;
                    }
                }
                int n = Math.min(length, chunk.length - position);
                System.arraycopy(chunk, position, target, offset, n);
                position += n;
                return n;
            }
        };
    }
}

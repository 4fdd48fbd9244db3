package org.etlworkshop.move;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.io.FilterOutputStream;
import java.io.OutputStream;

/** The byte-level plumbing of an import: counting what arrived, and gzip recognised by its magic bytes. */
final class Streams {
    private Streams() {
    }

    /** Counts the bytes read through it: the source's own bytes, for the progress bar and the summary. */
    static final class Counting extends FilterInputStream {
        private volatile long bytes;

        Counting(InputStream in) {
            super(in);
        }

        long bytes() {
            return bytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                bytes += n;
            }
            return n;
        }
    }

    /** Calls {@code every} about once per MiB read through it: progress for a stream handed to COPY whole. */
    static final class Reporting extends FilterInputStream {
        private final LongConsumer every;
        private long read;
        private long next = 1 << 20;

        Reporting(InputStream in, LongConsumer every) {
            super(in);
            this.every = every;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (read += n) >= next) {
                next = read + (1 << 20);
                every.accept(read);
            }
            return n;
        }
    }

    /** Counts the bytes written through it. */
    static final class CountingOut extends FilterOutputStream {
        private long bytes;

        CountingOut(OutputStream out) {
            super(out);
        }

        long bytes() {
            return bytes;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            bytes += length;
        }
    }

    /** Decompressed when the content starts with gzip's magic bytes (whatever the name says), else as it is. */
    static BufferedInputStream gunzipIfCompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int first = buffered.read(), second = buffered.read();
        buffered.reset();
        return first == 0x1f && second == 0x8b ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16) : buffered;
    }

    /** The first bytes, left in the stream. */
    static byte[] peek(BufferedInputStream in, int count) throws IOException {
        in.mark(count);
        byte[] head = in.readNBytes(count);
        in.reset();
        return head;
    }
}

package org.etlworkshop.move;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An import's bytes cut into lines at {@code \n} (a {@code \r} before it dropped), each held as
 * bytes and at most {@code --max-line-bytes} long: a longer line keeps its first bytes and the rest
 * is skipped to its end, so memory holds one bounded line whatever the input (a stream without a
 * line break included). Text is decoded strictly: invalid UTF-8 is reported, never replaced by
 * U+FFFD, so a row is loaded as it was written or not at all.
 */
final class SourceLines {
    /** One line: its number (1-based), its bytes (without the line break), and whether it was cut at the limit. */
    record Line(long number, byte[] bytes, boolean tooLong) {
    }

    /** Bytes that are not UTF-8, at {@code offset} in what was decoded. */
    static final class NotUtf8 extends Exception {
        final int offset;

        NotUtf8(int offset, int value) {
            super(String.format("not valid UTF-8 (byte 0x%02x at byte %,d of the line)", value, offset + 1), null, false, false);
            this.offset = offset;
        }
    }

    private final InputStream in;
    private final int max;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private long number;
    private boolean skipping;

    SourceLines(InputStream in, long maxLineBytes) {
        this.in = in;
        this.max = (int) Math.min(maxLineBytes, Integer.MAX_VALUE - 16);
    }

    /**
     * The next line, or null at the end of the input (a last line without a line break is a line).
     * A line past the limit is returned as soon as the limit is reached, cut there, so that a stream
     * without any line break is found out at once; the rest of it is skipped by the next call.
     */
    Line next() throws IOException {
        if (skipping && !skipRestOfLine()) {
            return null;
        }
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int take = end - position;
            if (take > max - length) { // past the limit: keep what fits, say so now, skip the rest later
                take = max - length;
                copy(length, take);
                position += take;
                skipping = true;
                return new Line(++number, Arrays.copyOf(line, max), true);
            }
            copy(length, take);
            length += take;
            position = end;
            if (end < limit) { // the line break
                position++;
                break;
            }
        }
        number++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new Line(number, Arrays.copyOf(line, length), false);
    }

    private void copy(int at, int count) {
        if (count <= 0) {
            return;
        }
        if (at + count > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(Math.max((long) line.length * 2, at + count), max));
        }
        System.arraycopy(buffer, position, line, at, count);
    }

    /** Past the line break that ends the line cut at the limit; false at the end of the input. */
    private boolean skipRestOfLine() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return false;
            }
            while (position < limit) {
                if (buffer[position++] == '\n') {
                    skipping = false;
                    return true;
                }
            }
        }
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    /** The bytes as UTF-8 text, strictly. */
    static String utf8(byte[] bytes) throws NotUtf8 {
        return utf8(bytes, 0, bytes.length);
    }

    static String utf8(byte[] bytes, int offset, int length) throws NotUtf8 {
        boolean ascii = true;
        for (int i = offset; i < offset + length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer output = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(input, output, true);
        if (!result.isError()) {
            result = decoder.flush(output);
        }
        if (result.isError()) {
            throw new NotUtf8(input.position() - offset, bytes[input.position()] & 0xff);
        }
        return output.flip().toString();
    }

    /** Text from a source shown on one line: a value or a name may hold line breaks (and the server quotes values whole). */
    static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** Where a NUL byte is, or -1: PostgreSQL text cannot hold one. */
    static int nul(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == 0) {
                return i - offset;
            }
        }
        return -1;
    }
}

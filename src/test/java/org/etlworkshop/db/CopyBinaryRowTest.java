package org.etlworkshop.db;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyBinaryRowTest {

    @Test
    void writesFieldsAsLengthAndValueInTheServersInternalForm() {
        ByteSink out = new ByteSink(8);
        CopyBinaryRow row = new CopyBinaryRow(out, 4);
        row.begin();
        row.int64(7).uuid(new UUID(1, 2)).timestamp(Instant.parse("2000-01-01T00:00:01.000002Z")).text(null);
        ByteBuffer b = ByteBuffer.wrap(out.array(), 0, out.size());
        assertThat(b.getShort()).isEqualTo((short) 4);
        assertThat(b.getInt()).isEqualTo(8);
        assertThat(b.getLong()).isEqualTo(7);
        assertThat(b.getInt()).isEqualTo(16);
        assertThat(b.getLong()).isEqualTo(1);
        assertThat(b.getLong()).isEqualTo(2);
        assertThat(b.getInt()).isEqualTo(8);
        assertThat(b.getLong()).as("microseconds since 2000-01-01").isEqualTo(1_000_002);
        assertThat(b.getInt()).as("NULL").isEqualTo(-1);
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void textIsItsUtf8BytesWithTheirLengthAndNothingIsEscaped() {
        ByteSink out = new ByteSink(4);
        String text = "tab\there \\N \"q\" 患者 🤒";
        new CopyBinaryRow(out, 1).text(text);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(out.array(), 0, out.size());
        assertThat(b.getInt()).isEqualTo(utf8.length);
        byte[] written = new byte[utf8.length];
        b.get(written);
        assertThat(written).isEqualTo(utf8);
    }

    @Test
    void refusesTheNulCharacter() {
        assertThatThrownBy(() -> new CopyBinaryRow(new ByteSink(4), 1).text("a\0b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }
}

package org.etlworkshop.db;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyTextRowTest {

    private static String encode(String... values) {
        ByteSink out = new ByteSink(16);
        CopyTextRow row = new CopyTextRow(out);
        for (String value : values) {
            row.text(value);
        }
        row.end();
        return utf8(out);
    }

    private static String utf8(ByteSink out) {
        return new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);
    }

    @Test
    void escapesBackslashTabNewlineAndCarriageReturnOnly() {
        assertThat(encode("a\\b", "tab\there", "two\nlines", "cr\rlf"))
                .isEqualTo("a\\\\b\ttab\\there\ttwo\\nlines\tcr\\rlf\n");
    }

    @Test
    void keepsQuotesCommasAndNonAsciiAsTheyAre() {
        assertThat(encode("She said \"hi\", then left", "naïve 患者 🤒")).isEqualTo("She said \"hi\", then left\tnaïve 患者 🤒\n");
    }

    @Test
    void writesNullAsBackslashNAndALiteralBackslashNEscaped() {
        assertThat(encode(null, "\\N", "")).isEqualTo("\\N\t\\\\N\t\n");
    }

    @Test
    void refusesTheNulCharacterInsteadOfCorruptingTheRow() {
        assertThatThrownBy(() -> encode("bad\0value")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void writesUuidsAndTimestampsExactlyAsTheJdkWouldSpellThem() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = new UUID(random.nextLong(), random.nextLong());
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000) * 1000);
            long number = random.nextLong(0, Long.MAX_VALUE);
            ByteSink out = new ByteSink(16);
            new CopyTextRow(out).uuid(uuid).timestamp(instant).number(number).end();
            String expectedTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
                    .withZone(ZoneOffset.UTC).format(instant);
            assertThat(utf8(out)).isEqualTo(uuid + "\t" + expectedTime + "\t" + number + "\n");
        }
    }

    @Test
    void encodesEveryPlaneOfUnicodeAsUtf8() {
        String text = "é 患 🤒 \u2028";
        assertThat(encode(text)).isEqualTo(text + "\n");
    }

    @Test
    void writesUuidsTimestampsAndNumbersInFormsPostgresReads() {
        ByteSink out = new ByteSink(16);
        new CopyTextRow(out).uuid(new UUID(1, 2)).timestamp(Instant.parse("2024-03-05T10:11:12.123456Z")).number(42).end();
        assertThat(utf8(out)).isEqualTo("00000000-0000-0001-0000-000000000002\t2024-03-05 10:11:12.123456+00\t42\n");
    }
}

package org.etlworkshop.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import org.etlworkshop.Json;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A chat log as JSON Lines, the shape of an export from a chat service, and the workload of one
 * of the designs this workshop draws on: a multi-gigabyte log parsed into a table. Each line is an
 * event ({@code message}, {@code join}, {@code leave}, {@code edit}, {@code reaction}) with nested
 * fields ({@code data.user.name}, {@code data.reactions}, ...) and, in a share of the messages, hostile
 * text: quotes, backslashes, tabs, newlines, {@code \N}, CJK, emoji, SQL, very long lines.
 *
 * <p>Deterministic: the same seed and count give the same bytes (each line has its own generator
 * from the seed and its number). Lines are written as they are made: memory does not grow with the log.
 */
public final class ChatLog {
    public static final long DEFAULT_SEED = 2017;
    private static final long CHAT = 5;
    private static final long FIRST_ID = 1_000_000_000_000L;
    private static final long FIRST_SECOND = 1_700_000_000L;
    public static final List<String> CHANNELS = List.of("general", "random", "dev", "support", "announcements", "日本語", "🎉-party");
    private static final List<String> NAMES = List.of("Ana", "Zoë", "Björn", "Siobhán O'Brien", "李雷", "Nguyễn Văn An", "Ólafur",
            "José \"Pepe\" García", "Robert'); DROP TABLE chat_messages; --", "Åsa", "Mohammed", "Priya", "Kwame", "Łucja");
    private static final List<String> WORDS = List.of("the", "deploy", "is", "green", "again", "who", "broke", "build", "lunch",
            "anyone", "coffee", "merged", "ticket", "thanks", "LGTM", "see", "logs", "for", "details", "on", "call", "today");
    private static final List<String> EMOJI = List.of("👍", "🎉", "😂", "❤️", "👀", "🚀", "👍🏽");
    private static final List<String> APPS = List.of("web", "ios", "android", "cli");
    private static final int USERS = 500;
    /** Emoji as their four UTF-8 bytes, as chat exports write them (Jackson would escape them as two \\u surrogates). */
    private static final JsonFactory UTF8 = Json.FACTORY.rebuild().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    /** The kind of event, as {@code type} spells it, with how often it appears (per thousand). */
    private enum Kind {
        MESSAGE(850), JOIN(50), LEAVE(40), EDIT(40), REACTION(20);

        final int perMille;

        Kind(int perMille) {
            this.perMille = perMille;
        }

        static Kind pick(SplittableRandom random) {
            int at = random.nextInt(1000);
            for (Kind kind : values()) {
                if ((at -= kind.perMille) < 0) {
                    return kind;
                }
            }
            return MESSAGE;
        }
    }

    private ChatLog() {
    }

    /** Writes {@code lines} events; returns how many of them are messages. */
    public static long write(OutputStream out, long lines, long seed) throws IOException {
        long messages = 0;
        try (JsonGenerator json = UTF8.createGenerator(new BufferedOutputStream(out, 1 << 16))) {
            json.setRootValueSeparator(null);
            for (long line = 0; line < lines; line++) {
                if (line(json, line, SeededRandom.of(seed, CHAT, line)) == Kind.MESSAGE) {
                    messages++;
                }
                json.writeRaw('\n');
            }
        }
        return messages;
    }

    private static Kind line(JsonGenerator json, long line, SplittableRandom random) throws IOException {
        Kind kind = Kind.pick(random);
        json.writeStartObject();
        json.writeNumberField("id", FIRST_ID + line);
        // ~20 events a second, to the microsecond: seconds since 1970 with a fraction, as exports write them
        json.writeNumberField("ts", BigDecimal.valueOf((FIRST_SECOND + line / 20) * 1_000_000L + random.nextLong(1_000_000), 6));
        json.writeStringField("type", kind.name().toLowerCase());
        json.writeStringField("channel", CHANNELS.get(random.nextInt(CHANNELS.size())));
        json.writeObjectFieldStart("data");
        int user = random.nextInt(USERS);
        json.writeObjectFieldStart("user");
        json.writeNumberField("id", 1000 + user);
        json.writeStringField("name", NAMES.get(user % NAMES.size()) + (user < NAMES.size() ? "" : " " + user));
        json.writeBooleanField("bot", user % 50 == 0);
        json.writeEndObject();
        if (kind == Kind.MESSAGE || kind == Kind.EDIT) {
            json.writeStringField("message", message(random));
            json.writeStringField("format", random.nextInt(10) < 7 ? "plain" : random.nextBoolean() ? "markdown" : "code");
        }
        if (kind == Kind.MESSAGE && line > 0 && random.nextInt(5) == 0) {
            json.writeNumberField("reply_to", FIRST_ID + random.nextLong(Math.max(0, line - 500), line));
        }
        if (kind == Kind.MESSAGE && random.nextInt(7) == 0 || kind == Kind.REACTION) {
            json.writeArrayFieldStart("reactions");
            for (int r = random.nextInt(1, 4); r > 0; r--) {
                json.writeStartObject();
                json.writeStringField("emoji", EMOJI.get(random.nextInt(EMOJI.size())));
                json.writeNumberField("count", random.nextInt(1, 40));
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeObjectFieldStart("client");
        json.writeStringField("app", APPS.get(random.nextInt(APPS.size())));
        json.writeStringField("version", "3." + random.nextInt(20) + "." + random.nextInt(10));
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        return kind;
    }

    /** Words, sometimes hostile text, rarely a very long paste. */
    private static String message(SplittableRandom random) {
        int roll = random.nextInt(1000);
        if (roll < 80) {
            return AnswerFaker.HOSTILE.get(random.nextInt(AnswerFaker.HOSTILE.size()));
        }
        int words = roll < 82 ? random.nextInt(1000, 3000) : random.nextInt(1, 25);
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
        }
        if (random.nextInt(10) == 0) {
            text.append(' ').append(EMOJI.get(random.nextInt(EMOJI.size())));
        }
        return text.toString();
    }
}

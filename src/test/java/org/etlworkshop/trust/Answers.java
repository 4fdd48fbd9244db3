package org.etlworkshop.trust;

import org.etlworkshop.Gens;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Random submissions for the property tests (QuickTheories {@link Gen}s, so a failing one is shrunk
 * towards a simpler one), and the plain reference model of the rule they must follow: which answers
 * become events (with which value), which are rejected answers, which submissions are rejected
 * whole. The reference model is written out case by case, not computed by the code under test.
 */
final class Answers {
    /** One form with a question of every type, a nested group and a Unicode slug. */
    static final String SCHEMA = """
            {"slug": "prop", "title": "Property form", "children": [
              {"slug": "n", "answerType": "number"},
              {"slug": "t", "answerType": "text", "tag": "pii"},
              {"slug": "b", "answerType": "boolean"},
              {"slug": "d", "answerType": "date"},
              {"slug": "grp", "children": [
                {"slug": "ünï-代码", "answerType": "text"},
                {"slug": "deep", "children": [{"slug": "n2", "answerType": "number"}]}]}]}""";

    /** Path and type of every question of {@link #SCHEMA}, in document order. */
    static final List<String[]> QUESTIONS = List.of(new String[]{"n", "number"}, new String[]{"t", "text"},
            new String[]{"b", "boolean"}, new String[]{"d", "date"}, new String[]{"grp.ünï-代码", "text"},
            new String[]{"grp.deep.n2", "number"});

    static final String TAG_OF_T = "pii";

    /**
     * A scalar answer: its JSON literal, the text an event would hold, and the types it fits.
     * {@code fits} lists the answer types that accept it ("text" accepts every scalar).
     */
    record Scalar(String json, String text, List<String> fits) {
        boolean fits(String type) {
            return fits.contains(type);
        }
    }

    private static Scalar string(String text, String... alsoFits) {
        List<String> fits = new ArrayList<>(List.of(alsoFits));
        fits.add("text");
        return new Scalar(quote(text), text, fits);
    }

    /** The hand-labelled cases: each says which types it fits. */
    static final List<Scalar> LABELLED = List.of(
            string("12.5", "number"), string("-0", "number"), string("1e5", "number"), string("0.000", "number"),
            string("12abc"), string(""), string("NaN"), string("+1"), string("01"), string(".5"), string("1."),
            string("true", "boolean"), string("false", "boolean"), string("maybe"), string("TRUE"), string("yes"),
            string("2024-02-29", "date"), string("0001-01-01", "date"), string("+12345-06-15", "date"),
            string("2023-02-29"), string("not-a-date"), string("2024-13-01"), string("2024-1-5"),
            string("héllo 患者 🤒"), string("tab\tnew\nline \\N \\\\ \"quoted\""), string("'; DROP TABLE app.users; --"),
            string("   spaced   "), string("\u2028line separator"),
            new Scalar("1.50", "1.50", List.of("number", "text")), new Scalar("-0.0", "-0.0", List.of("number", "text")),
            new Scalar("1e400", "1e400", List.of("number", "text")),
            new Scalar("123456789012345678901234567890", "123456789012345678901234567890", List.of("number", "text")),
            new Scalar("true", "true", List.of("boolean", "text")), new Scalar("false", "false", List.of("boolean", "text")));

    /** An answer as it stands in the JSON: absent, null, an array, an object, or a scalar. */
    record Answer(String kind, Scalar scalar) {
        static final Answer ABSENT = new Answer("absent", null);

        String json() {
            return switch (kind) {
                case "null" -> "null";
                case "array" -> "[\"option-a\", 2]";
                case "object" -> "{\"x\": 1}";
                default -> scalar.json();
            };
        }
    }

    /** Text of up to {@code maxLength} characters of {@code alphabet}, code points beyond the BMP included. */
    static Gen<String> strings(String alphabet, int maxLength) {
        List<String> characters = alphabet.codePoints().mapToObj(Character::toString).toList();
        return lists().of(Generate.pick(characters)).ofSizeBetween(0, maxLength).map(chars -> String.join("", chars));
    }

    /** Hand-labelled cases, random text and numbers (the extreme digits and scales mixed in), and numbers past 1000 digits. */
    static Gen<Scalar> scalars() {
        Gen<Scalar> randomText = strings("abcdefghijklmnopqrstuvwxyzéü患者🤒 \t\n\"\\", 30).map(s -> string("s-" + s));
        Gen<Scalar> randomNumber = Gens.withEdges(longs().all(), 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)
                .zip(Gens.withEdges(integers().between(0, 11), 0, 11), (digits, point) -> {
                    String n = new BigDecimal(digits).movePointLeft(point).toPlainString();
                    return new Scalar(n, n, List.of("number", "text"));
                });
        Gen<Scalar> hugeNumber = Gens.withEdges(integers().between(1001, 3000), 1001, 3000).map(digits -> "9".repeat(digits))
                .map(n -> new Scalar(n, n, List.of("number", "text")));
        return Generate.frequency(List.of(Pair.of(6, Generate.pick(LABELLED)), Pair.of(2, randomText), Pair.of(2, randomNumber),
                Pair.of(1, hugeNumber)));
    }

    static Gen<Answer> answers() {
        return Generate.frequency(List.of(Pair.of(1, Generate.constant(Answer.ABSENT)), Pair.of(1, Generate.constant(new Answer("null", null))),
                Pair.of(1, Generate.constant(new Answer("array", null))), Pair.of(1, Generate.constant(new Answer("object", null))),
                Pair.of(8, scalars().map(s -> new Answer("scalar", s)))));
    }

    /** Keys no schema knows, built to trip Jackson's default limits; all must be skipped. */
    static Gen<String> unknownKeys() {
        return Generate.frequency(List.of(Pair.of(6, Generate.constant("")), Pair.of(1, Generate.pick(List.of(
                ", \"_export\": {\"device\": \"tablet\", \"list\": [1, {\"a\": null}]}",
                ", \"deep\": " + "[".repeat(1500) + "]".repeat(1500),
                ", \"" + "k".repeat(60_000) + "\": 1",
                ", \"big\": " + "7".repeat(1500))))));
    }

    /** The PostgreSQL timestamptz range in microseconds since 2000 (4714-11-24 BC to 294276-12-31 23:59:59.999999). */
    static final long MIN_MICROS = micros(-4713, 11, 24);
    static final long MAX_MICROS = micros(294276, 12, 31) + 86_399_999_999L;
    /** pgjdbc writes every time before 4713-01-01 BC as -infinity: such submissions are rejected. */
    static final long EARLIEST_BINDABLE = micros(-4712, 1, 1);

    /** A created_at: micros since 2000-01-01 UTC, or a special value (micros null). */
    record CreatedAt(Long micros, String special) {
    }

    static Gen<CreatedAt> createdAts() {
        List<Long> edges = List.of(MIN_MICROS, MAX_MICROS, EARLIEST_BINDABLE, EARLIEST_BINDABLE - 1, 0L, -1L, micros(1970, 1, 1), micros(1970, 1, 1) - 1,
                micros(1500, 6, 15), micros(1582, 10, 4), micros(1582, 10, 15), micros(1, 1, 1), micros(0, 12, 31),
                micros(-44, 3, 15), micros(9999, 12, 31) + 86_399_999_999L, micros(10000, 1, 1), micros(12345, 6, 15) + 1);
        // anywhere in the range, evenly (max itself is left to the edge cases)
        Gen<Long> anywhere = longs().between(MIN_MICROS, MAX_MICROS - 1);
        return Generate.frequency(List.of(Pair.of(3, anywhere.map(m -> new CreatedAt(m, null))),
                Pair.of(3, Generate.pick(edges).map(m -> new CreatedAt(m, null))),
                Pair.of(1, Generate.pick(List.of("infinity", "-infinity")).map(s -> new CreatedAt(null, s)))));
    }

    private static long micros(int year, int month, int day) {
        return (LocalDate.of(year, month, day).toEpochDay() - LocalDate.of(2000, 1, 1).toEpochDay()) * 86_400_000_000L;
    }

    /** A user's names: either may be missing. */
    static Gen<String[]> names() {
        return Generate.pick(List.of(new String[]{"Ana", "García"}, new String[]{null, "Smith"}, new String[]{"Zoë", null},
                new String[]{null, null}, new String[]{"", "Okafor"}, new String[]{"O'Brien\t", "李"}));
    }

    /** The full name the warehouse must hold: the non-missing parts joined by a space, or null. */
    static String expectedFullName(String[] names) {
        boolean given = names[0] != null && !names[0].isEmpty();
        boolean family = names[1] != null && !names[1].isEmpty();
        if (given && family) {
            return names[0] + " " + names[1];
        }
        return given ? names[0] : family ? names[1] : null;
    }

    /** A random submission: its answers per question (in {@link #QUESTIONS} order) and extra keys. */
    record Generated(List<Answer> answers, String unknownKeys, CreatedAt createdAt, String[] names, String malformed) {
        String responsesJson() {
            if (malformed != null) {
                return malformed;
            }
            StringBuilder json = new StringBuilder("{");
            List<String> top = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                member(top, QUESTIONS.get(i)[0], answers.get(i));
            }
            List<String> deep = new ArrayList<>();
            member(deep, "n2", answers.get(5));
            List<String> grp = new ArrayList<>();
            member(grp, "ünï-代码", answers.get(4));
            grp.add(quote("deep") + ": {" + String.join(", ", deep) + "}");
            top.add(quote("grp") + ": {" + String.join(", ", grp) + "}");
            json.append(String.join(", ", top)).append(unknownKeys).append("}");
            return json.toString();
        }

        /** The JSON, abbreviated: what a failing case's report shows. */
        @Override
        public String toString() {
            String json = responsesJson();
            return (json.length() > 400 ? json.substring(0, 400) + "..." : json) + " created " + createdAt
                    + " by " + java.util.Arrays.toString(names);
        }

        private static void member(List<String> members, String slug, Answer answer) {
            if (answer != Answer.ABSENT) {
                members.add(quote(slug) + ": " + answer.json());
            }
        }
    }

    static Gen<Generated> submissions() {
        Gen<String> wellFormed = in -> null;
        Gen<String> malformed = Generate.frequency(List.of(Pair.of(12, wellFormed),
                Pair.of(1, Generate.pick(List.of("[]", "\"text\"", "42", "null", "[{\"n\": 1}]")))));
        return lists().of(answers()).ofSize(QUESTIONS.size()).zip(unknownKeys(), createdAts(), names(), malformed, Generated::new);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static UUID uuid(long n) {
        return new UUID(0x00000000_0000_4000L, 0x8000_0000_0000_0000L | n);
    }

    private Answers() {
    }
}

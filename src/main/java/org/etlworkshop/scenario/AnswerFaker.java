package org.etlworkshop.scenario;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.math.RoundingMode;

/**
 * Answers that look real: names, phone numbers, dates, measurements with their decimals, sentences.
 * A question's optional {@code sample} hint picks the kind ({@code given-name}, {@code int:18-90},
 * {@code decimal:35.5-40.5:1}, {@code choice:a|b|c}, {@code birth-date}, ...); without one the answer
 * type decides. A share of text answers is hostile on purpose: everything a CSV or COPY encoder gets
 * wrong.
 */
final class AnswerFaker {
    /** Dates are relative to a fixed day, never to "now", so a seed always gives the same data. */
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    static final List<String> GIVEN_NAMES = List.of("Ana", "José", "Zoë", "Łukasz", "Ngozi", "Mei", "Oliver", "Amélie",
            "Søren", "Priya", "Mateo", "Aisha", "Hiroshi", "Fatma", "Liam", "Chloé", "Dmitri", "Ife", "Noa", "Björn");
    static final List<String> FAMILY_NAMES = List.of("García", "O'Brien", "Nguyen", "Müller", "Okafor", "Kowalski",
            "Smith", "Dubois", "Tanaka", "Rossi", "Andersen", "Haddad", "da Silva", "Van der Berg", "Ivanova", "Chen",
            "Mensah", "Yılmaz", "Patel", "Jones");
    private static final List<String> CITIES = List.of("Lisbon", "Kraków", "Lagos", "Osaka", "Montréal", "Zürich",
            "São Paulo", "Reykjavík", "Nairobi", "Austin");
    private static final List<String> MEDICATIONS = List.of("ibuprofen 200 mg", "metformin 500 mg", "lisinopril 10 mg",
            "atorvastatin 20 mg", "levothyroxine 50 mcg", "salbutamol inhaler", "none");
    private static final List<String> WORDS = List.of("patient", "reports", "mild", "pain", "since", "last", "week",
            "after", "exercise", "sleep", "improved", "slightly", "headache", "in", "the", "morning", "no", "fever",
            "appetite", "normal", "feels", "tired", "most", "days", "better", "than", "before", "occasional", "cough");
    static final List<String> HOSTILE = List.of(
            "She said \"it hurts\", then \"it stopped\"",
            "C:\\Users\\ana\\notes.txt",
            "tab\tseparated\tvalues",
            "first line\nsecond line\r\nthird line",
            "\\N",
            "comma, separated, list,",
            "naïve café, crème brûlée",
            "Ærøskøbing, Łódź, Zürich",
            "患者は頭痛を訴えている",
            "头痛，发烧，咳嗽",
            "🤒🤕 feeling 😷 better 👍🏽",
            "'; DROP TABLE app.users; --",
            "",
            "   leading and trailing spaces   ",
            "quote \" backslash \\ tab \t newline \n all together",
            "line\u2028separator and \\\\ two backslashes");

    private final double hostileShare;

    AnswerFaker(double hostileShare) {
        this.hostileShare = hostileShare;
    }

    /** Who is filling in the form: questions about the respondent's own name use it. */
    record Respondent(String givenName, String familyName) {
    }

    void writeAnswer(JsonGenerator json, FormSchema.Question question, Respondent respondent, SplittableRandom random)
            throws IOException {
        String sample = question.sample() == null ? "" : question.sample();
        switch (question.answerType()) {
            case TEXT -> json.writeString(text(sample, respondent, random));
            case NUMBER -> writeNumber(json, sample, random);
            case BOOLEAN -> json.writeBoolean(random.nextBoolean());
            case DATE -> json.writeString(date(sample, random).toString());
        }
    }

    private String text(String sample, Respondent respondent, SplittableRandom random) {
        if (random.nextDouble() < hostileShare) {
            return pick(HOSTILE, random);
        }
        if (sample.startsWith("choice:")) {
            List<String> choices = List.of(sample.substring("choice:".length()).split("\\|"));
            return pick(choices, random);
        }
        return switch (sample) {
            case "given-name" -> respondent.givenName();
            case "family-name" -> respondent.familyName();
            case "full-name" -> pick(GIVEN_NAMES, random) + " " + pick(FAMILY_NAMES, random);
            case "phone" -> String.format("+%d %03d %03d %04d", 1 + random.nextInt(98), random.nextInt(1000),
                    random.nextInt(1000), random.nextInt(10000));
            case "email" -> respondent.givenName().toLowerCase() + "." + random.nextInt(1000) + "@example.org";
            case "city" -> pick(CITIES, random);
            case "medication" -> pick(MEDICATIONS, random);
            case "word" -> pick(WORDS, random);
            default -> sentence(random);
        };
    }

    private static String sentence(SplittableRandom random) {
        int words = 4 + random.nextInt(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String word = pick(WORDS, random);
            text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
        }
        return text.append('.').toString();
    }

    private static void writeNumber(JsonGenerator json, String sample, SplittableRandom random) throws IOException {
        SampleHints.DecimalRange decimals = SampleHints.decimalRange(sample);
        SampleHints.IntRange ints = SampleHints.intRange(sample);
        if (decimals != null) {
            double value = decimals.min() + random.nextDouble() * (decimals.max() - decimals.min());
            // Written with its scale, so 36.50 stays "36.50" in the stored document.
            json.writeNumber(BigDecimal.valueOf(value).setScale(decimals.scale(), RoundingMode.HALF_UP));
        } else if (ints != null) {
            long width = (long) ints.max() - ints.min() + 1;
            json.writeNumber(ints.min() + (width <= Integer.MAX_VALUE ? random.nextInt((int) width) : random.nextLong(width)));
        } else {
            json.writeNumber(random.nextInt(101));
        }
    }

    private static LocalDate date(String sample, SplittableRandom random) {
        if (sample.equals("birth-date")) {
            return TODAY.minusYears(18).minusDays(random.nextInt(70 * 365));
        }
        return TODAY.minusDays(random.nextInt(2 * 365));
    }

    static <T> T pick(List<T> items, SplittableRandom random) {
        return items.get(random.nextInt(items.size()));
    }
}

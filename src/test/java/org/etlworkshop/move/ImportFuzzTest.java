package org.etlworkshop.move;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.Gens;
import org.etlworkshop.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * {@code etl import} fed random corruptions of a valid CSV, JSON Lines and COPY-text file: flipped
 * bytes, cut lines, NUL bytes, invalid UTF-8, lines past {@code --max-line-bytes}, JSON nested
 * thousands deep, under a random {@code --max-rejects}. Every run either loads nothing and says why
 * in one line, or accounts for every record of the file: it is loaded, and then PostgreSQL itself,
 * given that record alone, loads the very same values; or it is in the rejects file, verbatim, at
 * its line in the log, and then the record was corrupted or PostgreSQL refuses it too.
 *
 * <p>QuickTheories runs 40 files per format, each built from a seed it draws (its first three seeds are
 * fixed, the rest random); a failing file is shown whole with the seed ({@code -DQT_SEED=} replays it).
 * It is not shrunk: a corruption cannot be made smaller by changing its seed.
 */
class ImportFuzzTest {
    private static final String COLUMNS = "(id int PRIMARY KEY, name text, amount numeric, doc jsonb)";
    private static HikariDataSource pool;

    enum Format { CSV, JSONL, TEXT }

    /** The corrupted file, and which of its bytes a corruption touched. */
    record Corrupted(Format format, byte[] bytes, boolean[] touched, long maxRejects, long maxLineBytes, String corruptions) {
        @Override
        public String toString() {
            return format + " --max-rejects " + maxRejects + " --max-line-bytes " + maxLineBytes + ", " + corruptions + ":\n"
                    + new String(bytes, 0, Math.min(bytes.length, 3000), StandardCharsets.UTF_8);
        }
    }

    /** A record of the file as PostgreSQL's COPY would cut it: where it starts, its bytes without the line break, and whether it was corrupted. */
    record Record(long line, byte[] bytes, boolean touched) {
    }

    @BeforeAll
    static void open() {
        pool = MoveDatabase.pool();
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void csv() {
        checkFiles(Format.CSV);
    }

    @Test
    void jsonLines() {
        checkFiles(Format.JSONL);
    }

    @Test
    void copyText() {
        checkFiles(Format.TEXT);
    }

    private static void checkFiles(Format format) {
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        qt().withExamples(40).withShrinkCycles(0).forAll(Gens.fromRandom(random -> corrupt(format, random))).checkAssert(file -> {
            try {
                outcomes.merge(check(file), 1, Integer::sum);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        System.out.println("ImportFuzzTest " + format + " outcomes: " + outcomes);
    }

    /** Checks one corrupted file; returns what the import did with it, for the outcome counts. */
    private static String check(Corrupted file) throws Exception {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.fuzz", "CREATE TABLE public.fuzz " + COLUMNS,
                "DROP TABLE IF EXISTS public.fuzz_oracle", "CREATE TABLE public.fuzz_oracle " + COLUMNS);
        Path dir = Files.createTempDirectory("fuzz");
        String name = "input." + switch (file.format()) {
            case CSV -> "csv";
            case JSONL -> "jsonl";
            case TEXT -> "copy";
        };
        Path source = Files.write(dir.resolve(name), file.bytes());
        try {
            Importer.Result result;
            try {
                result = Importer.run(new FileSource(source), pool, "public.fuzz", new Importer.Options(null, List.of(), List.of(),
                        Importer.Method.COPY, file.maxRejects(), dir, false, 1, file.maxLineBytes()), Importer.Progress.NONE);
            } catch (EtlException e) { // UsageException too: the user errors, one line each
                assertThat(e.getMessage()).as("one line, no stack trace").doesNotContain("\n").doesNotContain("Exception")
                        .doesNotContain("com.fasterxml").doesNotContain("java.").doesNotContain("\tat ");
                assertThat(TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.fuzz")).as("nothing loaded").isZero();
                return "loaded nothing, said why";
            }
            List<Record> records = records(file);
            TreeMap<Long, String> rejected = new TreeMap<>();
            if (Files.exists(dir.resolve(name + ".rejects.log"))) {
                for (String line : Files.readAllLines(dir.resolve(name + ".rejects.log"))) {
                    int colon = line.indexOf(':');
                    rejected.put(Long.parseLong(line.substring("line ".length(), colon)), line.substring(colon + 2));
                }
            }
            assertThat(result.rowsLoaded() + result.rowsRejected()).as("every record loaded or rejected").isEqualTo(records.size());
            assertThat(rejected).hasSize((int) result.rowsRejected());
            ByteArrayOutputStream expectedRejects = new ByteArrayOutputStream();
            try (Connection oracle = TestDatabase.connect(MoveDatabase.NAME)) {
                oracle.setAutoCommit(false);
                for (Record record : records) {
                    boolean serverTakes = serverLoads(oracle, file.format(), result.columns(), record, !rejected.containsKey(record.line()));
                    if (rejected.containsKey(record.line())) {
                        assertThat(record.touched() || !serverTakes).as("line %d rejected (%s) though whole and loadable",
                                record.line(), rejected.get(record.line())).isTrue();
                        byte[] kept = Arrays.copyOf(record.bytes(), (int) Math.min(record.bytes().length, file.maxLineBytes()));
                        expectedRejects.write(kept);
                        expectedRejects.write('\n');
                    } else {
                        assertThat(serverTakes).as("line %d loaded, but PostgreSQL refuses it alone", record.line()).isTrue();
                    }
                }
                oracle.commit();
            }
            assertThat(contents("public.fuzz")).as("loaded values are the server's own reading").isEqualTo(contents("public.fuzz_oracle"));
            byte[] rejectsFile = Files.exists(dir.resolve(name + ".rejects")) ? Files.readAllBytes(dir.resolve(name + ".rejects")) : new byte[0];
            assertThat(rejectsFile).as("the rejects, verbatim, in line order").isEqualTo(expectedRejects.toByteArray());
            return result.rowsRejected() == 0 ? "loaded every record" : "loaded some, rejected some";
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static List<String> contents(String table) {
        return TestDatabase.rows(MoveDatabase.NAME, "SELECT t::text FROM " + table + " t ORDER BY id");
    }

    /**
     * Whether PostgreSQL loads this record alone into the oracle table (given the rows loaded before
     * it); kept only when {@code keep}, else rolled back.
     */
    private static boolean serverLoads(Connection oracle, Format format, List<String> columns, Record record, boolean keep)
            throws SQLException {
        Savepoint savepoint = oracle.setSavepoint();
        try {
            long loaded;
            byte[] line = Arrays.copyOf(record.bytes(), record.bytes().length + 1);
            line[line.length - 1] = '\n';
            String list = columns.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
            switch (format) {
                case CSV -> loaded = oracle.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY public.fuzz_oracle (" + list + ") FROM STDIN (FORMAT csv)", new ByteArrayInputStream(line));
                case TEXT -> loaded = oracle.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY public.fuzz_oracle FROM STDIN", new ByteArrayInputStream(line));
                default -> {
                    // JSON Lines: a key the import's columns lack is refused, an absent json key is SQL NULL, null is JSON null
                    try (PreparedStatement insert = oracle.prepareStatement("INSERT INTO public.fuzz_oracle (id, name, amount, doc) "
                            + "SELECT (j->>'id')::int, j->>'name', (j->>'amount')::numeric, (j->'doc')::jsonb FROM (SELECT ?::json AS j) s "
                            + "WHERE json_typeof(j) = 'object' AND NOT EXISTS (SELECT 1 FROM json_object_keys(j) k WHERE k <> ALL (?))")) {
                        insert.setString(1, new String(record.bytes(), StandardCharsets.UTF_8));
                        insert.setArray(2, oracle.createArrayOf("text", columns.toArray()));
                        loaded = insert.executeUpdate();
                    }
                }
            }
            if (loaded == 1 && keep) {
                oracle.releaseSavepoint(savepoint);
            } else {
                oracle.rollback(savepoint);
            }
            return loaded == 1;
        } catch (SQLException | java.io.IOException refused) {
            oracle.rollback(savepoint);
            return false;
        }
    }

    /** The file's data records as COPY cuts them: CSV by line breaks outside quotes (after its header), the others by {@code \n}. */
    static List<Record> records(Corrupted file) {
        byte[] b = file.bytes();
        List<Record> records = new ArrayList<>();
        int i = 0;
        long line = 1;
        boolean header = file.format() == Format.CSV;
        while (i < b.length) {
            int start = i;
            long startLine = line;
            boolean quoted = false, touched = false;
            int end;
            while (true) {
                if (i == b.length) {
                    end = i;
                    break;
                }
                byte c = b[i];
                touched |= file.touched()[i];
                if (file.format() == Format.CSV && c == '"') {
                    quoted = !quoted;
                }
                boolean csvBreak = file.format() == Format.CSV && !quoted && (c == '\n' || c == '\r');
                if (csvBreak) {
                    end = i++;
                    if (c == '\r' && i < b.length && b[i] == '\n') {
                        touched |= file.touched()[i];
                        i++;
                    }
                    line++;
                    break;
                }
                if (file.format() != Format.CSV && c == '\n'
                        && !(file.format() == Format.TEXT && i + 1 < b.length && escaped(b, start, i))) { // an escaped last one ends it too
                    end = i > start && b[i - 1] == '\r' ? i - 1 : i;
                    i++;
                    line++;
                    break;
                }
                if (c == '\n' || (file.format() == Format.CSV && c == '\r' && (i + 1 == b.length || b[i + 1] != '\n'))) {
                    line++; // a line break inside a row (CSV counts a lone CR as one, as the reader does)
                }
                i++;
            }
            byte[] bytes = Arrays.copyOfRange(b, start, end);
            if (header) {
                header = false;
            } else if (!(file.format() == Format.JSONL && blank(bytes))) {
                records.add(new Record(startLine, bytes, touched));
            }
        }
        if (file.format() == Format.TEXT && !records.isEmpty() && Arrays.equals(records.get(records.size() - 1).bytes(), new byte[]{'\\', '.'})) {
            records.remove(records.size() - 1); // the end-of-data marker as the last line
        }
        return records;
    }

    /** COPY text: an odd number of backslashes before {@code at} escapes it (a line break so escaped does not end the row). */
    private static boolean escaped(byte[] b, int from, int at) {
        int backslashes = 0;
        for (int i = at - 1; i >= from && b[i] == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static boolean blank(byte[] bytes) {
        for (byte c : bytes) {
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    // ---- the files and their corruptions

    static Corrupted corrupt(Format format, Random random) {
        int rows = 3 + random.nextInt(20);
        StringBuilder text = new StringBuilder(format == Format.CSV ? "id,name,amount,doc\n" : "");
        for (int id = 1; id <= rows; id++) {
            text.append(row(format, id, random)).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        boolean[] touched = new boolean[bytes.length];
        long maxLineBytes = random.nextBoolean() ? 4096 : 1 << 20;
        List<String> done = new ArrayList<>();
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
            // mostly past the first line: a broken header or first JSON line only ever says why nothing loaded
            int firstLine = 0;
            while (firstLine < bytes.length && bytes[firstLine++] != '\n') {
                // to the byte after the first line break
            }
            int at = firstLine > 0 && firstLine < bytes.length && random.nextInt(8) != 0
                    ? firstLine + random.nextInt(bytes.length - firstLine) : random.nextInt(bytes.length);
            byte[] inserted;
            int removed = 0;
            switch (random.nextInt(7)) {
                case 0 -> { // a flipped byte
                    inserted = new byte[]{(byte) random.nextInt(256)};
                    removed = 1;
                    done.add("flipped byte " + at);
                }
                case 1 -> { // a cut: a piece of a line (and maybe its line break) gone
                    inserted = new byte[0];
                    removed = 1 + random.nextInt(20);
                    done.add("cut " + removed + " bytes at " + at);
                }
                case 2 -> {
                    inserted = new byte[]{0};
                    done.add("NUL at " + at);
                }
                case 3 -> {
                    byte[][] invalid = {{(byte) 0xff}, {(byte) 0xc3, '('}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                            {(byte) 0xc0, (byte) 0xaf}, {(byte) 0x80}};
                    inserted = invalid[random.nextInt(invalid.length)];
                    done.add("invalid UTF-8 at " + at);
                }
                case 4 -> { // a huge line
                    inserted = new byte[(int) maxLineBytes + random.nextInt(100)];
                    Arrays.fill(inserted, (byte) 'x');
                    done.add("huge line at " + at);
                }
                case 5 -> { // a whole line of deep nesting
                    int depth = random.nextBoolean() ? 50 + random.nextInt(3_000) : 20_000 + random.nextInt(120_000);
                    String deep = "[".repeat(depth) + "1" + "]".repeat(depth);
                    int id = 1000 + random.nextInt(1000);
                    String line = switch (format) {
                        case CSV -> id + ",deep,1,\"" + deep + "\"";
                        case JSONL -> "{\"id\":" + id + ",\"doc\":" + deep + "}";
                        case TEXT -> id + "\tdeep\t1\t" + deep;
                    };
                    at = lineStart(bytes, at);
                    inserted = (line + "\n").getBytes(StandardCharsets.UTF_8);
                    done.add("depth " + depth + " at " + at);
                }
                default -> { // a line cut short: the rest of it gone up to its line break
                    int end = at;
                    while (end < bytes.length && bytes[end] != '\n') {
                        end++;
                    }
                    inserted = new byte[0];
                    removed = end - at;
                    done.add("line cut at " + at);
                }
            }
            removed = Math.min(removed, bytes.length - at);
            byte[] next = new byte[bytes.length - removed + inserted.length];
            boolean[] nextTouched = new boolean[next.length];
            System.arraycopy(bytes, 0, next, 0, at);
            System.arraycopy(touched, 0, nextTouched, 0, at);
            System.arraycopy(inserted, 0, next, at, inserted.length);
            Arrays.fill(nextTouched, at, at + inserted.length, true);
            System.arraycopy(bytes, at + removed, next, at + inserted.length, bytes.length - at - removed);
            System.arraycopy(touched, at + removed, nextTouched, at + inserted.length, bytes.length - at - removed);
            if (inserted.length == 0) { // a cut: both sides of the seam are touched
                if (at > 0) {
                    nextTouched[at - 1] = true;
                }
                if (at < next.length) {
                    nextTouched[at] = true;
                }
            }
            bytes = next;
            touched = nextTouched;
            if (bytes.length == 0) {
                break;
            }
        }
        long maxRejects = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(6);
        return new Corrupted(format, bytes, touched, maxRejects, maxLineBytes, String.join(", ", done));
    }

    private static int lineStart(byte[] bytes, int at) {
        while (at > 0 && bytes[at - 1] != '\n') {
            at--;
        }
        return at;
    }

    private static final String[] NAMES = {"plain", "with, comma", "say \"hi\"", "tab\there", "two\nlines", "back\\slash", "\\N",
            "é ü 😀", "", " spaced ", "null"};

    private static String row(Format format, int id, Random random) {
        String name = random.nextInt(8) == 0 ? null : NAMES[random.nextInt(NAMES.length)] + random.nextInt(100);
        BigDecimal amount = random.nextInt(8) == 0 ? null : BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, random.nextInt(4));
        String doc = switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> "null";
            case 2 -> "\"a string\"";
            case 3 -> "{\"k\": [1, 2.50, true, null, \"v\"]}";
            default -> "[" + random.nextInt(1000) + "]";
        };
        return switch (format) {
            case CSV -> id + "," + csv(name) + "," + (amount == null ? "" : amount.toPlainString()) + "," + csv(doc);
            case TEXT -> id + "\t" + copy(name) + "\t" + (amount == null ? "\\N" : amount.toPlainString()) + "\t" + copy(doc);
            case JSONL -> {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                object.put("id", id);
                object.put("name", name);
                object.put("amount", amount);
                if (doc != null) {
                    try {
                        object.set("doc", org.etlworkshop.Json.MAPPER.readTree(doc));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                yield object.toString();
            }
        };
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String copy(String value) {
        if (value == null) {
            return "\\N";
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}

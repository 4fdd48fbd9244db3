package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A bad row passed through to the server is reported at its own line of the source, however the rows
 * before it break their lines: quoted LF, CR LF or CR in CSV (which the server counts only after it has
 * seen how the input ends its lines, {@link ServerLineCount}), escaped line breaks in COPY text, rows
 * ending in LF or CR LF. Seeded random files, checked against the real server.
 */
class BadRowLineTest {
    private static final List<String> CSV_TEXTS = List.of("plain", "a,b", "\"\"quoted\"\"", "two\nlines", "crlf\r\nend",
            "cr\rend", "\n", "\n\n\n", "x\r\n\r\ny", "");
    private static final List<String> TEXT_TEXTS = List.of("plain", "tab\\there", "escaped\\\nbreak", "\\\\", "a b");
    private static HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        pool = MoveDatabase.pool();
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void aBadRowIsReportedAtItsSourceLine() throws Exception {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 40; round++) {
            boolean csv = random.nextBoolean();
            String eol = csv && random.nextInt(3) == 0 ? "\r\n" : "\n";
            int rows = 1 + random.nextInt(30);
            int bad = random.nextInt(rows);
            StringBuilder file = new StringBuilder(csv ? "id,note" + eol : "");
            long badLine = 0;
            for (int r = 0; r < rows; r++) {
                if (r == bad) {
                    badLine = 1 + file.chars().filter(c -> c == '\n').count();
                }
                String id = r == bad ? "not-a-number" : Integer.toString(r);
                String note = csv ? CSV_TEXTS.get(random.nextInt(CSV_TEXTS.size())) : TEXT_TEXTS.get(random.nextInt(TEXT_TEXTS.size()));
                file.append(id).append(csv ? ",\"" + note + "\"" : "\t" + note).append(eol);
            }
            String about = "seed " + seed + " (replay: -Detl.seed=" + seed + "), round " + round + ", " + (csv ? "CSV" : "COPY text")
                    + ", bad row " + (bad + 1) + " of " + rows + ": " + file.toString().replace("\r", "\\r").replace("\n", "\\n");
            MoveDatabase.execute("DROP TABLE IF EXISTS public.lines", "CREATE TABLE public.lines (id int, note text)");
            Path source = Files.write(dir.resolve("rows-" + round + (csv ? ".csv" : ".copy")),
                    file.toString().getBytes(StandardCharsets.UTF_8));

            EtlException e = catchThrowableOfType(EtlException.class, () -> Importer.run(new FileSource(source), pool, "public.lines",
                    new Importer.Options(null, List.of(), List.of(), Importer.Method.COPY, 0, dir, false), Importer.Progress.NONE));

            assertThat(e).as(about).isNotNull();
            assertThat(e.getMessage()).as(about).contains("line " + badLine + ")").contains("line " + badLine + ",");
        }
    }
}

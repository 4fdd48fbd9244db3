package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.UsageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An import's options refused before anything moves, one format enum both ways, and what each method keeps after a failure. */
class ImportOptionsAndMethodsTest {
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

    @BeforeEach
    void freshTable() {
        MoveDatabase.execute("DROP TABLE IF EXISTS public.methods", "CREATE TABLE public.methods (id int PRIMARY KEY, name text)");
    }

    private static Importer.Options options(Format format, Importer.Method method, long maxRejects, int workers, Path dir) {
        return new Importer.Options(format, List.of(), List.of(), method, maxRejects, dir, false, workers);
    }

    @Test
    void badValuesAndCombinationsAreRefusedWhenTheOptionsAreBuilt() {
        assertThatThrownBy(() -> options(null, Importer.Method.ROW, 0, 2, dir)).isInstanceOf(UsageException.class)
                .hasMessageContaining("--workers").hasMessageContaining("--method row");
        assertThatThrownBy(() -> options(null, Importer.Method.COPY, 0, 17, dir)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--workers must be 1 to 16");
        assertThatThrownBy(() -> options(null, Importer.Method.COPY, -1, 1, dir)).hasMessageContaining("--max-rejects");
        assertThatThrownBy(() -> options(Format.BINARY, Importer.Method.COPY, 5, 1, dir)).isInstanceOf(UsageException.class)
                .hasMessageContaining("binary COPY source is passed through whole");
        assertThatThrownBy(() -> new Importer.Options(Format.JSONL, List.of(new Importer.ColumnMappingSpec("nocolumn")), List.of(),
                Importer.Method.COPY, 0, dir, false)).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> new Importer.Options(Format.JSONL, List.of(), List.of("no-equals-sign"),
                Importer.Method.COPY, 0, dir, false)).isInstanceOf(UsageException.class).hasMessageContaining("--where");
        assertThatThrownBy(() -> Importer.Method.named("bulk")).hasMessage("unknown --method 'bulk'; valid: copy, batch, row");
        assertThat(Importer.Method.named("ROW")).isEqualTo(Importer.Method.ROW);
        assertThatThrownBy(() -> Format.named("xml")).hasMessage("unknown format 'xml'; valid: csv, jsonl, text, binary");
        assertThat(Format.named("ndjson")).isEqualTo(Format.JSONL);
        assertThat(Format.named("copy")).isEqualTo(Format.TEXT);
    }

    @Test
    void rowByRowKeepsEveryRowCommittedBeforeTheFailureTheAtomicMethodsNone() throws IOException {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 25; i++) {
            csv.append(i).append(",n").append(i).append('\n');
        }
        csv.append("\"unterminated,quote\n"); // line 27: malformed, one more than --max-rejects 0 allows
        Path file = Files.writeString(dir.resolve("stops.csv"), csv.toString());
        for (Importer.Method method : Importer.Method.values()) {
            freshTable();
            assertThatThrownBy(() -> Importer.run(new FileSource(file), pool, "public.methods",
                    options(null, method, 0, 1, dir), Importer.Progress.NONE)).as(method.name()).isInstanceOf(EtlException.class)
                    .hasMessageContaining(method.atomic() ? "nothing was loaded (rolled back)" : "25 rows were committed one by one");
            assertThat(TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.methods")).as(method.name())
                    .isEqualTo(method.atomic() ? 0 : 25);
        }
    }
}

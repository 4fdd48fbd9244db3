package org.etlworkshop.move;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.UsageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A table named on the command line means what the same name means in SQL: unquoted parts fold to lower case, quoted ones do not. */
class TableNamesTest {
    private static HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        pool = MoveDatabase.pool();
        MoveDatabase.execute("DROP TABLE IF EXISTS public.folded", "CREATE TABLE public.folded (id int)",
                "DROP TABLE IF EXISTS public.\"Mixed.Case\"", "CREATE TABLE public.\"Mixed.Case\" (id int)");
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    private Importer.Result load(String table) throws IOException {
        Path csv = Files.writeString(dir.resolve("ids.csv"), "id\n1\n");
        return Importer.run(new FileSource(csv), pool, table,
                new Importer.Options(null, List.of(), List.of(), Importer.Method.COPY, 0, dir, false), Importer.Progress.NONE);
    }

    @Test
    void upperCaseAndQuotedNamesAreFoldedAsPostgresqlFoldsThem() throws IOException {
        assertThat(load("PUBLIC.Folded").table()).isEqualTo("public.folded");
        assertThat(load("\"public\".\"folded\"").rowsLoaded()).isEqualTo(1);
        assertThat(load("public.\"Mixed.Case\"").rowsLoaded()).isEqualTo(1);
        assertThat(TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.folded")).isEqualTo(2);
        assertThat(TestDatabase.count(MoveDatabase.NAME, "SELECT count(*) FROM public.\"Mixed.Case\"")).isEqualTo(1);
        assertThatThrownBy(() -> load("public.\"Folded\"")).isInstanceOf(UsageException.class)
                .hasMessageContaining("there is no table");
        assertThatThrownBy(() -> load("public.Mixed.Case")).isInstanceOf(UsageException.class).hasMessageContaining("SCHEMA.TABLE");
        Exporter.Result out = Exporter.run(pool, "Public.FOLDED", null, Format.CSV, false,
                Destination.of(dir.resolve("out.csv").toString(), null), Importer.Progress.NONE);
        assertThat(out.rows()).isEqualTo(2);
    }
}

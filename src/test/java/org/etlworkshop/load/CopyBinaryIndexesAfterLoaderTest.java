package org.etlworkshop.load;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.db.Pools;
import org.etlworkshop.measure.SqlStatistics;
import org.etlworkshop.transform.EventRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.etlworkshop.db.Databases;

import static org.assertj.core.api.Assertions.assertThat;

/** The indexes come back exactly as they were, and are only rebuilt when the table starts empty. */
class CopyBinaryIndexesAfterLoaderTest {
    private static final String DATABASE = "etl_test_indexes_after";
    private static final String INDEX_OIDS = "select indexrelid::regclass || '=' || indexrelid::int from pg_index "
            + "where indrelid = 'dwh.response_events'::regclass order by 1";
    private static final String INDEX_DEFINITIONS = "select indexdef from pg_indexes "
            + "where schemaname = 'dwh' and tablename = 'response_events' order by 1";

    @BeforeAll
    static void freshSchema() throws Exception {
        TestDatabase.generated(TestDatabase.shippedScenarios(), "empty"); // the schema, no rows
        TestDatabase.databases().dropDatabase(DATABASE);
        try (Connection c = TestDatabase.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE + " TEMPLATE " + Databases.templateName("empty"));
        }
    }

    private static List<EventRow> events(int count) {
        UUID form = UUID.randomUUID(), user = UUID.randomUUID();
        Instant now = Instant.parse("2024-05-06T07:08:09.123456Z");
        return IntStream.range(0, count).mapToObj(i -> new EventRow(form, "Form", user, "Ana", UUID.randomUUID(), now, now,
                "q" + (i % 7), String.valueOf(i), "text", i % 2 == 0 ? null : "tag")).toList();
    }

    private static void load(int count) {
        try (var pool = Pools.open(TestDatabase.server().database(DATABASE))) {
            long rows = new CopyBinaryIndexesAfterLoader().load(events(count).iterator(),
                    new LoadTarget(null, pool, new SqlStatistics()));
            assertThat(rows).isEqualTo(count);
        }
    }

    @Test
    void rebuildsTheSecondaryIndexesIntoAnEmptyTableAndKeepsThemOtherwise() throws Exception {
        List<String> definitions = TestDatabase.rows(DATABASE, INDEX_DEFINITIONS);
        assertThat(definitions).hasSize(4);
        List<String> before = TestDatabase.rows(DATABASE, INDEX_OIDS);

        load(2500);
        List<String> afterEmpty = TestDatabase.rows(DATABASE, INDEX_OIDS);
        assertThat(TestDatabase.rows(DATABASE, INDEX_DEFINITIONS)).isEqualTo(definitions);
        assertThat(afterEmpty).as("three indexes were built again, the primary key kept").hasSize(4)
                .containsOnlyOnce(before.stream().filter(i -> i.startsWith("dwh.response_events_pkey=")).findFirst().orElseThrow());
        assertThat(afterEmpty.stream().filter(before::contains)).hasSize(1);

        load(1500);
        assertThat(TestDatabase.rows(DATABASE, INDEX_OIDS)).as("a table with rows keeps its indexes").isEqualTo(afterEmpty);
        assertThat(TestDatabase.count(DATABASE, "select count(*) from dwh.response_events")).isEqualTo(4000);
        try (Connection c = TestDatabase.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            var rs = s.executeQuery("select count(*) from dwh.response_events where schema_path = 'q3' and form_id is not null");
            rs.next();
            assertThat(rs.getLong(1)).as("the rebuilt index answers queries")
                    .isEqualTo(IntStream.range(0, 2500).filter(i -> i % 7 == 3).count()
                            + IntStream.range(0, 1500).filter(i -> i % 7 == 3).count());
        }
    }
}

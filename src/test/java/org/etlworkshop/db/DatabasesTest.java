package org.etlworkshop.db;

import org.etlworkshop.EtlException;
import org.etlworkshop.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabasesTest {

    @Test
    void schemaCreatesTheContractTablesColumnsAndIndexes() {
        TestDatabase.generated(TestDatabase.shippedScenarios(), "empty");
        String template = Databases.templateName("empty");
        assertThat(TestDatabase.rows(template, """
                select table_schema || '.' || table_name || '.' || column_name || ':' || data_type || ':' || is_nullable
                from information_schema.columns where table_schema in ('app', 'dwh') and table_name <> 'rejected_submissions'
                order by table_schema, table_name, ordinal_position"""))
                .containsExactly(
                        "app.forms.id:uuid:NO", "app.forms.name:text:NO", "app.forms.description:text:NO",
                        "app.forms.schema:jsonb:NO",
                        "app.submissions.id:uuid:NO", "app.submissions.form_id:uuid:NO", "app.submissions.user_id:uuid:NO",
                        "app.submissions.responses:jsonb:NO", "app.submissions.created_at:timestamp with time zone:NO",
                        "app.submissions.updated_at:timestamp with time zone:NO",
                        "app.users.id:uuid:NO", "app.users.given_name:text:NO", "app.users.family_name:text:NO",
                        "dwh.etl_checkpoints.run_id:bigint:NO", "dwh.etl_checkpoints.chunk:integer:NO",
                        "dwh.etl_checkpoints.events:bigint:NO", "dwh.etl_checkpoints.finished:timestamp with time zone:NO",
                        "dwh.etl_runs.id:bigint:NO", "dwh.etl_runs.processor:text:NO", "dwh.etl_runs.mode:text:NO",
                        "dwh.etl_runs.started:timestamp with time zone:NO", "dwh.etl_runs.finished:timestamp with time zone:YES",
                        "dwh.etl_runs.status:text:NO", "dwh.etl_runs.rows_read:bigint:YES", "dwh.etl_runs.rows_written:bigint:YES",
                        "dwh.etl_runs.rows_rejected:bigint:YES", "dwh.etl_runs.watermark:timestamp with time zone:YES",
                        "dwh.etl_runs.chunks:integer:YES", "dwh.etl_runs.note:text:YES",
                        "dwh.etl_runs.processed_on:timestamp with time zone:YES",
                        "dwh.rejected_answers.submission_id:uuid:NO", "dwh.rejected_answers.schema_path:text:NO",
                        "dwh.rejected_answers.value:text:NO",
                        "dwh.rejected_answers.processed_on:timestamp with time zone:NO",
                        "dwh.rejected_answers.reason:text:NO",
                        "dwh.response_events.id:bigint:NO", "dwh.response_events.form_id:uuid:NO",
                        "dwh.response_events.form_name:text:NO", "dwh.response_events.user_id:uuid:NO",
                        "dwh.response_events.user_full_name:text:YES", "dwh.response_events.submission_id:uuid:NO",
                        "dwh.response_events.submission_created:timestamp with time zone:NO",
                        "dwh.response_events.processed_on:timestamp with time zone:NO",
                        "dwh.response_events.schema_path:text:NO", "dwh.response_events.value:text:NO",
                        "dwh.response_events.answer_type:text:NO", "dwh.response_events.tag:text:YES");
        assertThat(TestDatabase.rows(template, "select indexname from pg_indexes where schemaname = 'dwh' order by 1"))
                .contains("response_events_pkey", "response_events_submission_id_idx", "response_events_form_path_idx");
        assertThat(TestDatabase.count(template, """
                select count(*) from pg_constraint c join pg_class t on t.oid = c.conrelid
                join pg_namespace n on n.oid = t.relnamespace where n.nspname = 'dwh' and c.contype = 'f'
                and t.relname = 'response_events'"""))
                .as("the warehouse table has no foreign keys").isZero();
    }

    @Test
    void aNewTemplateIsVacuumedFrozenAndAnalyzedOnce() {
        TestDatabase.generated(TestDatabase.shippedScenarios(), "small");
        String template = Databases.templateName("small");
        assertThat(TestDatabase.rows(template, """
                select relname || ':' || (vacuum_count > 0) || ':' || (analyze_count > 0) from pg_stat_user_tables
                where schemaname = 'app' order by relname"""))
                .containsExactly("forms:true:true", "submissions:true:true", "users:true:true");
        assertThat(TestDatabase.count(template, """
                select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'app' and c.relkind = 'r' and c.relpages > 0 and c.relallfrozen < c.relpages"""))
                .as("every page of the source tables is all-frozen").isZero();
    }

    @Test
    void eachRunGetsAFreshCopyAndTheTemplateIsNeverTouched() throws Exception {
        TestDatabase.generated(TestDatabase.shippedScenarios(), "small");
        Databases databases = TestDatabase.databases();
        String run = databases.createRunDatabase("small");
        try (Connection connection = TestDatabase.connect(run); Statement statement = connection.createStatement()) {
            statement.execute("delete from app.submissions");
            statement.execute("insert into dwh.response_events values (1, gen_random_uuid(), 'f', gen_random_uuid(), 'u', "
                    + "gen_random_uuid(), now(), now(), 'p', 'v', 'text', null)");
        }
        assertThat(TestDatabase.count(Databases.templateName("small"), "select count(*) from app.submissions")).isEqualTo(20);

        String again = databases.createRunDatabase("small");
        assertThat(again).isEqualTo(run);
        assertThat(TestDatabase.count(again, "select count(*) from app.submissions")).isEqualTo(20);
        assertThat(TestDatabase.count(again, "select count(*) from dwh.response_events")).isZero();
    }

    @Test
    void aSecondCommandOnTheSameDataDirectoryStopsWithAClearMessage() {
        TestDatabase.server();
        assertThatThrownBy(() -> EmbeddedServer.start(TestDatabase.DATA_DIR, Durability.FAST, "second"))
                .isInstanceOf(EtlException.class)
                .hasMessageContaining("another etl command is using")
                .hasMessageContaining("mvn test")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void externalUrlIsParsedAndPasswordsNeverAppearInDescriptions() {
        ExternalServer server = ExternalServer.of("jdbc:postgresql://db.example:6543/warehouse", "etl",
                Optional.of("s3cret"));
        assertThat(server.maintenance().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/warehouse");
        assertThat(server.location()).isEqualTo("external, etl@db.example:6543/warehouse").doesNotContain("s3cret");
        assertThat(server.database("etl_run_small").toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> ExternalServer.of("postgres://x/y", "u", Optional.empty()))
                .hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> ExternalServer.of("jdbc:postgresql://x/y?password=abc", "u", Optional.empty()))
                .hasMessageContaining("must not carry the password").hasMessageNotContaining("abc");
    }

    @Test
    void embeddedServerReportsTheFastDurabilityDefaults() {
        try (var pool = Pools.open(TestDatabase.server().maintenance())) {
            ServerFacts facts = ServerFacts.read(pool);
            assertThat(facts.durable()).isFalse();
            assertThat(facts.durabilityLine()).contains("fsync=off", "synchronous_commit=off");
            assertThat(facts.version()).startsWith("18");
        }
    }
}

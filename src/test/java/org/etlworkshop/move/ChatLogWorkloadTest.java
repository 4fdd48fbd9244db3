package org.etlworkshop.move;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.Json;
import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestMariaDb;
import org.etlworkshop.db.Pools;
import org.etlworkshop.scenario.ChatLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat-log workload end to end: the generated log is deterministic and hostile; its messages
 * loaded into MariaDB by one parser and two consumers, imported into PostgreSQL with {@code --map},
 * {@code --where} and {@code --workers}, and moved from MariaDB with {@code etl transfer
 * --create-table}, give the same rows in PostgreSQL both ways.
 */
class ChatLogWorkloadTest {
    private static final int LINES = 4000;
    private static HikariDataSource postgres;

    @TempDir
    static Path dir;

    @BeforeAll
    static void pool() {
        MoveDatabase.create();
        // two loading workers and the import's own connection, then the transfer's
        postgres = Pools.open(TestDatabase.server().database(MoveDatabase.NAME), 4, Map.of("stringtype", "unspecified"));
    }

    @AfterAll
    static void close() {
        postgres.close();
    }

    @Test
    void theLogIsTheSameBytesForTheSameSeedAndHoldsNestedHostileEvents() throws Exception {
        ByteArrayOutputStream once = new ByteArrayOutputStream(), again = new ByteArrayOutputStream(), other = new ByteArrayOutputStream();
        long messages = ChatLog.write(once, LINES, 7);
        ChatLog.write(again, LINES, 7);
        ChatLog.write(other, LINES, 8);

        assertThat(once.toByteArray()).isEqualTo(again.toByteArray());
        assertThat(once.toByteArray()).isNotEqualTo(other.toByteArray());
        List<String> lines = once.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(LINES);
        long counted = 0;
        for (String line : lines) {
            JsonNode event = Json.MAPPER.readTree(line);
            assertThat(event.path("data").path("user").path("name").isTextual()).as(line).isTrue();
            counted += event.path("type").asText().equals("message") ? 1 : 0;
        }
        assertThat(counted).isEqualTo(messages).isBetween(LINES * 8L / 10, LINES * 9L / 10);
        String text = once.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\\t", "\\n", "\\\\N", "DROP TABLE", "🎉", "\"reactions\":[{", "\"reply_to\":");
    }

    @Test
    void mariaDbThenTransferEqualsTheDirectImport() throws Exception {
        Path log = dir.resolve("chat.jsonl");
        long messages;
        try (var out = Files.newOutputStream(log)) {
            messages = ChatLog.write(out, LINES, ChatLog.DEFAULT_SEED);
        }
        String url = TestMariaDb.freshDatabase("etl_chat_test");
        MoveDatabase.execute("DROP SCHEMA IF EXISTS chat CASCADE", "CREATE SCHEMA chat",
                "CREATE TABLE chat.messages (id numeric(20,0) PRIMARY KEY, sent timestamptz, channel text, author_id bigint, author text, "
                        + "bot boolean, body text, format text, reply_to numeric(20,0), reactions jsonb)");

        ChatLogIntoMariaDb.Result intoMariaDb = ChatLogIntoMariaDb.load(log, url, 2, ChatLog.CHANNELS);
        Importer.Result imported = Importer.run(Sources.of(log.toString(), new S3Location.Client(Optional.empty())), postgres,
                "chat.messages", new Importer.Options(null, ChatLogIntoMariaDb.mapArguments().stream().map(Importer.ColumnMappingSpec::new)
                        .toList(), List.of(ChatLogIntoMariaDb.WHERE), Importer.Method.COPY, 0, dir, false, 2), Importer.Progress.NONE);
        MySqlTransfer.Result transferred = MySqlTransfer.run(url, postgres, "chat.from_mariadb", new MySqlTransfer.Options(null,
                ChatLogIntoMariaDb.TABLE, false, true, 0, dir, false, ZoneOffset.UTC, false));

        assertThat(intoMariaDb.rows()).isEqualTo(messages);
        assertThat(intoMariaDb.linesFiltered()).isEqualTo(LINES - messages);
        assertThat(imported.rowsLoaded()).isEqualTo(messages);
        assertThat(transferred.rows()).isEqualTo(messages);
        assertThat(transferred.types()).as("the import's table has the types the transfer makes")
                .containsExactly("numeric(20,0)", "timestamp with time zone", "text", "bigint", "text", "boolean", "text", "text",
                        "numeric(20,0)", "jsonb");
        assertThat(TestDatabase.rows(MoveDatabase.NAME,
                "SELECT count(*) FROM ((TABLE chat.messages EXCEPT ALL TABLE chat.from_mariadb) UNION ALL "
                        + "(TABLE chat.from_mariadb EXCEPT ALL TABLE chat.messages)) d")).containsExactly("0");
        assertThat(TestDatabase.rows(MoveDatabase.NAME, "SELECT count(*) FROM chat.from_mariadb WHERE body ~ '[\\t\\n\\\\]'"))
                .as("hostile text made it").isNotEqualTo(List.of("0"));
    }
}

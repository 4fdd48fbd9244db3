package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.concurrent.BoundedHandoff;
import org.etlworkshop.concurrent.FirstFailure;
import org.etlworkshop.concurrent.Futures;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The chat log's messages into MariaDB the way the original design did it: one parser, one
 * consumer per core. This thread reads the JSON Lines and keeps the messages ({@code --where
 * type=message}, the same {@link JsonLinesReader} as {@code etl import}), in batches of
 * {@value #BATCH} rows, into the shared bounded hand-off ({@link BoundedHandoff}: one lane of at most
 * two batches per consumer, each batch into the emptiest lane); each consumer has its own connection
 * and sends each batch as one JDBC batch, committed on its own.
 *
 * <p>Not all or nothing, as that design was not: a consumer that fails stops the others, and what
 * they had committed stays ({@code etl import --workers} is the all-or-nothing version, into PostgreSQL).
 * Memory: the queue's batches. The table {@value #TABLE} is made anew each time.
 */
public final class ChatLogIntoMariaDb {
    public static final String TABLE = "chat_messages";
    private static final int BATCH = 1000;

    /** A column of the messages table: the {@code --map} that fills it, its MySQL type, and the INSERT's expression for its text. */
    public record Column(String name, String map, String mysqlType, String placeholder) {
    }

    /** The messages table's columns; {@code channels} are the log's channel names, the values of its enum. */
    public static List<Column> columns(List<String> channels) {
        return List.of(
            new Column("id", "id", "bigint unsigned PRIMARY KEY", "?"),
            // the reader's epoch conversion writes 2023-11-14T22:13:20.123456Z; a DATETIME has no zone: UTC, without the T and Z
            new Column("sent", "ts:epoch", "datetime(6) NOT NULL", "REPLACE(REPLACE(?, 'T', ' '), 'Z', '')"),
            new Column("channel", "channel", channels.stream().map(c -> "'" + c.replace("'", "''") + "'")
                    .collect(Collectors.joining(",", "enum(", ") NOT NULL")), "?"),
            new Column("author_id", "data.user.id", "int unsigned NOT NULL", "?"),
            new Column("author", "data.user.name", "varchar(100) NOT NULL", "?"),
            new Column("bot", "data.user.bot", "tinyint(1) NOT NULL", "? = 'true'"),
            new Column("body", "data.message", "mediumtext NOT NULL", "?"),
            new Column("format", "data.format", "enum('plain','markdown','code') NOT NULL", "?"),
            new Column("reply_to", "data.reply_to", "bigint unsigned NULL", "?"),
            new Column("reactions", "data.reactions", "json NULL", "?"));
    }

    /** The same selection for {@code etl import}: {@code --map column=path} for each column (the channels do not matter there). */
    public static List<String> mapArguments() {
        return columns(List.of()).stream().map(c -> c.name() + "=" + c.map()).toList();
    }

    public static final String WHERE = "type=message";

    /** @param skipped lines that were not JSON objects (counted, not loaded) */
    public record Result(long rows, long linesFiltered, long skipped, int consumers, Duration elapsed) {
        public double rowsPerSecond() {
            return rows / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    private ChatLogIntoMariaDb() {
    }

    public static Result load(Path log, String url, int consumers, List<String> channels) {
        long start = System.nanoTime();
        List<Column> columns = columns(channels);
        createTable(url, columns);
        ExecutorService threads = Executors.newFixedThreadPool(consumers);
        try (BoundedHandoff<List<Row>> handoff = new BoundedHandoff<>(consumers, 2);
             InputStream in = new BufferedInputStream(Files.newInputStream(log), 1 << 16)) {
            List<Future<Long>> loaded = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                int lane = c;
                loaded.add(threads.submit(() -> consume(url, columns, handoff, lane)));
            }
            JsonLinesReader parser = new JsonLinesReader(in, Importer.Options.DEFAULT_MAX_LINE_BYTES, columns.stream().map(c -> ColumnMapping.parse(c.name() + "=" + c.map())).toList(),
                    List.of(Filter.parse(WHERE)), Set.of());
            long skipped = 0;
            List<Row> batch = new ArrayList<>(BATCH);
            try {
                for (Row row = next(parser); row != END_OF_LOG; row = next(parser)) {
                    if (row == null) {
                        skipped++;
                        continue;
                    }
                    batch.add(row);
                    if (batch.size() == BATCH) {
                        handoff.put(emptiest(handoff), batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                if (!batch.isEmpty()) {
                    handoff.put(emptiest(handoff), batch);
                }
                handoff.end();
            } catch (RuntimeException e) {
                handoff.fail(e); // the consumers stop too
            }
            long rows = Futures.all(loaded, handoff::fail).stream().mapToLong(Long::longValue).sum();
            handoff.throwIfFailed(); // a parser failure the consumers ended on
            return new Result(rows, parser.filtered(), skipped, consumers, Duration.ofNanos(System.nanoTime() - start));
        } catch (FirstFailure e) {
            throw new EtlException("loading MariaDB failed: " + e.getMessage()
                    + "; the batches committed before it stay (one commit per batch)", e.getCause());
        } catch (IOException e) {
            throw new EtlException("cannot read " + log + ": " + e.getMessage(), e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static final Row END_OF_LOG = new Row(0, "", new String[0]);

    /** The next row; null for a line that is not a JSON object (skipped, as that design did); {@link #END_OF_LOG} at the end. */
    private static Row next(JsonLinesReader parser) throws IOException {
        try {
            Row row = parser.next();
            return row == null ? END_OF_LOG : row;
        } catch (BadRow bad) {
            return null;
        }
    }

    /** The lane with the fewest batches waiting: the least busy consumer. */
    private static int emptiest(BoundedHandoff<List<Row>> handoff) {
        int best = 0;
        for (int lane = 1; lane < handoff.lanes(); lane++) {
            if (handoff.waiting(lane) < handoff.waiting(best)) {
                best = lane;
            }
        }
        return best;
    }

    /** One consumer: its own connection, one JDBC batch and one commit per batch taken from its lane. */
    private static long consume(String url, List<Column> columns, BoundedHandoff<List<Row>> handoff, int lane) {
        String insert = "INSERT INTO " + TABLE + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(Column::placeholder).collect(Collectors.joining(", ")) + ")";
        long rows = 0;
        try (Connection connection = MySqlSource.connect(url, new Properties()); PreparedStatement statement = connection.prepareStatement(insert)) {
            connection.setAutoCommit(false);
            for (List<Row> batch = handoff.take(lane); batch != null; batch = handoff.take(lane)) {
                for (Row row : batch) {
                    for (int i = 0; i < row.values().length; i++) {
                        statement.setString(i + 1, row.values()[i]);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
                connection.commit();
                rows += batch.size();
            }
            return rows;
        } catch (SQLException e) {
            throw new EtlException(MySqlSource.message(e), e);
        }
    }

    private static void createTable(String url, List<Column> columns) {
        try (Connection connection = MySqlSource.connect(url, new Properties()); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("CREATE TABLE " + TABLE + " (" + columns.stream().map(c -> c.name() + " " + c.mysqlType())
                    .collect(Collectors.joining(", ")) + ") CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new EtlException("cannot create " + TABLE + " in MariaDB: " + MySqlSource.message(e), e);
        }
    }
}

package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.scenario.ChatLog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The chat log's messages into MariaDB the way the original design did it: one parser, one
 * consumer per core. This thread reads the JSON Lines and keeps the messages ({@code --where
 * type=message}, the same {@link JsonLinesReader} as {@code etl import}), in batches of
 * {@value #BATCH} rows, into a queue of at most two batches per consumer; each consumer has its
 * own connection and sends each batch as one JDBC batch, committed on its own.
 *
 * <p>Not all or nothing, as that design was not: a consumer that fails stops the others, and what
 * they had committed stays ({@code etl import --workers} is the all-or-nothing version, into PostgreSQL).
 * Memory: the queue's batches. The table {@value #TABLE} is made anew each time.
 */
public final class ChatLogIntoMariaDb {
    public static final String TABLE = "chat_messages";
    private static final int BATCH = 1000;
    private static final List<Row> END = List.of();

    /** A column of the messages table: the {@code --map} that fills it, its MySQL type, and the INSERT's expression for its text. */
    public record Column(String name, String map, String mysqlType, String placeholder) {
    }

    public static final List<Column> COLUMNS = List.of(
            new Column("id", "id", "bigint unsigned PRIMARY KEY", "?"),
            // the reader's epoch conversion writes 2023-11-14T22:13:20.123456Z; a DATETIME has no zone: UTC, without the T and Z
            new Column("sent", "ts:epoch", "datetime(6) NOT NULL", "REPLACE(REPLACE(?, 'T', ' '), 'Z', '')"),
            new Column("channel", "channel", ChatLog.CHANNELS.stream().map(c -> "'" + c + "'")
                    .collect(Collectors.joining(",", "enum(", ") NOT NULL")), "?"),
            new Column("author_id", "data.user.id", "int unsigned NOT NULL", "?"),
            new Column("author", "data.user.name", "varchar(100) NOT NULL", "?"),
            new Column("bot", "data.user.bot", "tinyint(1) NOT NULL", "? = 'true'"),
            new Column("body", "data.message", "mediumtext NOT NULL", "?"),
            new Column("format", "data.format", "enum('plain','markdown','code') NOT NULL", "?"),
            new Column("reply_to", "data.reply_to", "bigint unsigned NULL", "?"),
            new Column("reactions", "data.reactions", "json NULL", "?"));

    /** The same selection for {@code etl import}: {@code --map column=path} for each column. */
    public static List<String> mapArguments() {
        return COLUMNS.stream().map(c -> c.name() + "=" + c.map()).toList();
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

    public static Result load(Path log, String url, int consumers) {
        long start = System.nanoTime();
        createTable(url);
        BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(2 * consumers);
        AtomicReference<Exception> failed = new AtomicReference<>();
        ExecutorService threads = Executors.newFixedThreadPool(consumers);
        List<Future<Long>> loaded = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            loaded.add(threads.submit(() -> consume(url, queue, failed)));
        }
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            JsonLinesReader parser = new JsonLinesReader(in, COLUMNS.stream().map(c -> ColumnMapping.parse(c.name() + "=" + c.map())).toList(),
                    List.of(Filter.parse(WHERE)));
            long skipped = 0;
            List<Row> batch = new ArrayList<>(BATCH);
            while (failed.get() == null) {
                Row row;
                try {
                    row = parser.next();
                } catch (BadRow bad) {
                    skipped++;
                    continue;
                }
                if (row != null) {
                    batch.add(row);
                }
                if (batch.size() == BATCH || row == null && !batch.isEmpty()) {
                    hand(queue, batch, failed);
                    batch = new ArrayList<>(BATCH);
                }
                if (row == null) {
                    break;
                }
            }
            for (int c = 0; c < consumers; c++) {
                hand(queue, END, failed);
            }
            long rows = 0;
            for (Future<Long> consumer : loaded) {
                rows += consumer.get();
            }
            if (failed.get() != null) {
                throw new EtlException("loading MariaDB failed: " + failed.get().getMessage()
                        + "; the batches committed before it stay (one commit per batch)", failed.get());
            }
            return new Result(rows, parser.filtered(), skipped, consumers, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new EtlException("cannot read " + log + ": " + e.getMessage(), e);
        } catch (Exception e) {
            if (e instanceof EtlException etl) {
                throw etl;
            }
            throw new EtlException("loading MariaDB failed: " + (failed.get() != null ? failed.get().getMessage() : e.getMessage()), e);
        } finally {
            failed.compareAndSet(null, new IllegalStateException("stopped")); // a consumer still waiting stops
            threads.shutdownNow();
        }
    }

    /** Puts a batch in the queue, waiting while it is full, unless a consumer has failed. */
    private static void hand(BlockingQueue<List<Row>> queue, List<Row> batch, AtomicReference<Exception> failed)
            throws InterruptedException {
        while (failed.get() == null && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            // full: the consumers are the slower side; wait for them
        }
    }

    /** One consumer: its own connection, one JDBC batch and one commit per batch taken from the queue. */
    private static long consume(String url, BlockingQueue<List<Row>> queue, AtomicReference<Exception> failed) throws Exception {
        String insert = "INSERT INTO " + TABLE + " (" + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES (" + COLUMNS.stream().map(Column::placeholder).collect(Collectors.joining(", ")) + ")";
        long rows = 0;
        try (Connection connection = MySqlSource.connect(url, new Properties()); PreparedStatement statement = connection.prepareStatement(insert)) {
            connection.setAutoCommit(false);
            while (true) {
                List<Row> batch = queue.poll(100, TimeUnit.MILLISECONDS);
                if (failed.get() != null || batch == END) {
                    return rows;
                }
                if (batch == null) {
                    continue;
                }
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
        } catch (SQLException | RuntimeException e) {
            failed.compareAndSet(null, new EtlException(MySqlSource.message(e instanceof SQLException sql ? sql : new SQLException(e))));
            return rows;
        }
    }

    private static void createTable(String url) {
        try (Connection connection = MySqlSource.connect(url, new Properties()); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("CREATE TABLE " + TABLE + " (" + COLUMNS.stream().map(c -> c.name() + " " + c.mysqlType())
                    .collect(Collectors.joining(", ")) + ") CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new EtlException("cannot create " + TABLE + " in MariaDB: " + MySqlSource.message(e), e);
        }
    }
}

package org.etlworkshop.limit;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.ConnectionInfo;
import org.etlworkshop.db.CopyIn;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.db.Psql;
import org.etlworkshop.extract.ProjectionExtractor;
import org.etlworkshop.extract.ReadMode;
import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.load.EventColumns;
import org.etlworkshop.load.SecondaryIndexes;
import org.etlworkshop.model.Orm;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.EventRow;
import org.etlworkshop.transform.Transformer;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What PostgreSQL itself can take, measured on the same machine and the same rows as the
 * processors: the scenario's finished events are written once to files, then loaded into an empty
 * {@code dwh.response_events} three ways. These are the ceilings the loaders are judged against.
 */
public final class LoadCeilings {

    /** One way of loading the ready-made rows, and how fast it went. */
    public record Ceiling(String name, String method, long rows, double seconds) {
        public double rowsPerSecond() {
            return seconds == 0 ? 0 : rows / seconds;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static final String TEXT = "text COPY";
    public static final String BINARY = "binary COPY";
    public static final String JDBC_BATCH = "JDBC batch";
    /** The ceiling an engineer would reach for first: psql {@code \copy} of a CSV file. */
    public static final String CSV_COPY = "psql \\copy CSV";

    /** Binary COPY into the table with its secondary indexes dropped first and built after. */
    public static final String BINARY_INDEXES_AFTER = "binary COPY, indexes after";

    private LoadCeilings() {
    }

    public static void write(List<Ceiling> ceilings, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), ceilings);
        } catch (IOException e) {
            throw new EtlException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Ceiling> read(Path file) {
        try {
            return List.of(JSON.readValue(file.toFile(), Ceiling[].class));
        } catch (IOException e) {
            throw new EtlException("cannot read the ceilings in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Per ceiling, the round with the median time: {@code matrix --repeat N} measures the ceilings N times too. */
    public static List<Ceiling> median(List<List<Ceiling>> rounds) {
        if (rounds.isEmpty()) {
            return List.of();
        }
        return rounds.get(0).stream().map(first -> {
            List<Ceiling> same = rounds.stream().flatMap(List::stream).filter(c -> c.name().equals(first.name()))
                    .sorted(java.util.Comparator.comparingDouble(Ceiling::seconds)).toList();
            return same.get((same.size() - 1) / 2);
        }).toList();
    }

    /** The ceiling a processor's technique is judged against: its own family's (older reports lack some). */
    public static Ceiling familyOf(String loader, List<Ceiling> ceilings) {
        return switch (loader) {
            case "copy-binary-indexes-after" -> named(ceilings, BINARY_INDEXES_AFTER).orElseGet(() -> binary(ceilings));
            case "copy-binary" -> binary(ceilings);
            case "copy" -> named(ceilings, TEXT).orElseThrow();
            default -> named(ceilings, JDBC_BATCH).orElseThrow();
        };
    }

    public static Optional<Ceiling> named(List<Ceiling> ceilings, String name) {
        return ceilings.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static Ceiling binary(List<Ceiling> ceilings) {
        return named(ceilings, BINARY).orElseThrow();
    }

    public static List<Ceiling> measure(PostgresServer server, String scenario, Path workDir) {
        String database = new Databases(server).createRunDatabase(scenario);
        try (var pool = Pools.open(server.database(database), 4, Map.of("reWriteBatchedInserts", "true"))) {
            List<EventRow> events = finishedEvents(pool);
            Files.createDirectories(workDir);
            Path text = workDir.resolve("events.copy").toAbsolutePath(), binary = workDir.resolve("events.bin").toAbsolutePath();
            write(text, CopyIn.textStream(events.iterator(), numbered((id, e, row) -> EventColumns.text(id, e, row))));
            write(binary, CopyIn.binaryStream(EventColumns.COUNT, events.iterator(),
                    numbered((id, e, row) -> EventColumns.binary(id, e, row))));
            Path csv = workDir.resolve("events.csv").toAbsolutePath();
            writeCsv(csv, events);

            List<Ceiling> ceilings = new ArrayList<>();
            ceilings.add(timed(pool, events.size(), TEXT, server.isEmbedded()
                    ? "COPY FROM a file in text format, read by the server" : "COPY FROM STDIN of a text-format file",
                    c -> copyFile(c, text, "", server.isEmbedded())));
            ceilings.add(timed(pool, events.size(), BINARY, server.isEmbedded()
                    ? "COPY FROM a file in binary format, read by the server" : "COPY FROM STDIN of a binary-format file",
                    c -> copyFile(c, binary, " (FORMAT binary)", server.isEmbedded())));
            ceilings.add(timed(pool, events.size(), BINARY_INDEXES_AFTER, (server.isEmbedded()
                    ? "COPY FROM a binary-format file read by the server" : "COPY FROM STDIN of a binary-format file")
                    + ", the secondary indexes dropped before and built after, in the same transaction", c -> {
                List<String> dropped = SecondaryIndexes.drop(c);
                copyFile(c, binary, " (FORMAT binary)", server.isEmbedded());
                SecondaryIndexes.create(c, dropped);
            }));
            ceilings.add(timed(pool, events.size(), JDBC_BATCH,
                    "plain PreparedStatement batches of 1000, reWriteBatchedInserts=true", c -> jdbcBatch(c, events)));
            ceilings.add(csvCopy(server.database(database), pool, events.size(), csv));
            return ceilings;
        } catch (IOException e) {
            throw new EtlException("cannot write the event files in " + workDir + ": " + e.getMessage(), e);
        }
    }

    private interface NumberedEncoder<R> {
        void encode(long id, EventRow event, R row);
    }

    private static <R> CopyIn.RowEncoder<EventRow, R> numbered(NumberedEncoder<R> encoder) {
        AtomicLong id = new AtomicLong();
        return (event, row) -> encoder.encode(id.incrementAndGet(), event, row);
    }

    /** The scenario's events, extracted and transformed once, untimed. */
    private static List<EventRow> finishedEvents(DataSource pool) {
        Transformer transformer = new Transformer(Instant.now().truncatedTo(ChronoUnit.MICROS));
        List<EventRow> events = new ArrayList<>();
        try (SessionFactory sessions = Orm.sessionFactory(pool, false); Session session = sessions.openSession()) {
            session.setDefaultReadOnly(true);
            var tx = session.beginTransaction();
            try (Stream<SourceSubmission> submissions = new ProjectionExtractor(ReadMode.STREAM, 1000).extract(session)) {
                for (Iterator<SourceSubmission> it = submissions.iterator(); it.hasNext(); ) {
                    try {
                        events.addAll(transformer.transform(it.next(), EventFactory.ROWS));
                    } catch (Transformer.RejectedSubmission ignored) {
                        // the processors reject it too: it is in no one's rows
                    }
                }
            } finally {
                tx.rollback();
            }
        }
        return events;
    }

    private static void write(Path file, InputStream encoded) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            encoded.transferTo(out);
        }
    }

    private interface Load {
        void into(Connection connection) throws SQLException, IOException;
    }

    /** Empties the table, loads, commits, checks the count: only the load and commit are timed. */
    private static Ceiling timed(DataSource pool, long expected, String name, String method, Load load) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE dwh.response_events");
            statement.execute("CHECKPOINT");
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            load.into(connection);
            connection.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM dwh.response_events")) {
                rs.next();
                if (rs.getLong(1) != expected) {
                    throw new EtlException(name + " loaded " + rs.getLong(1) + " rows, expected " + expected);
                }
            }
            connection.commit();
            return new Ceiling(name, method, expected, seconds);
        } catch (SQLException | IOException e) {
            throw new EtlException(name + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * What an engineer without this tool would do: {@code psql \copy} of a CSV file, the client
     * streaming the file to the server. psql runs in its own process and commits itself, so only
     * its run is timed. Without a psql on the PATH, pgjdbc streams the file the same way.
     */
    private static Ceiling csvCopy(ConnectionInfo target, DataSource pool, long expected, Path csv) {
        Optional<Path> psql = Psql.find();
        if (psql.isEmpty()) {
            return timed(pool, expected, CSV_COPY, "COPY FROM STDIN of a CSV file streamed by pgjdbc (no psql on the PATH)",
                    c -> copyFile(c, csv, " (FORMAT csv)", false));
        }
        String meta = "\\copy dwh.response_events " + EventColumns.LIST + " FROM '" + csv.toString().replace("'", "''")
                + "' (FORMAT csv)";
        return timed(pool, expected, CSV_COPY, "psql \\copy of a CSV file (" + psql.get() + ")", c -> {
            // The TRUNCATE ran in autocommit, so psql's own session sees the empty table.
            Process process = Psql.command(psql.get(), target, List.of("-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", meta))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            try {
                if (process.waitFor() != 0) {
                    throw new SQLException("psql failed: " + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while psql was loading", e);
            }
        });
    }

    /** The rows as RFC 4180 CSV: NULL is an empty field, an empty string is {@code ""}. */
    private static void writeCsv(Path file, List<EventRow> events) throws IOException {
        var timestamp = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx").withZone(java.time.ZoneOffset.UTC);
        try (var out = Files.newBufferedWriter(file)) {
            long id = 0;
            for (EventRow e : events) {
                out.write(Long.toString(++id));
                for (Object field : new Object[]{e.formId(), e.formName(), e.userId(), e.userFullName(), e.submissionId(),
                        timestamp.format(e.submissionCreated()), timestamp.format(e.processedOn()), e.schemaPath(), e.value(),
                        e.answerType(), e.tag()}) {
                    out.write(',');
                    if (field != null) {
                        out.write(csvField(field.toString()));
                    }
                }
                out.write('\n');
            }
        }
    }

    private static String csvField(String value) {
        boolean quote = value.isEmpty() || value.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static void copyFile(Connection connection, Path file, String options, boolean serverReadsFile)
            throws SQLException, IOException {
        String target = "COPY dwh.response_events " + EventColumns.LIST;
        if (serverReadsFile) { // the embedded server shares this machine's disk
            try (Statement statement = connection.createStatement()) {
                statement.execute(target + " FROM '" + file.toString().replace("'", "''") + "'" + options);
            }
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                CopyIn.run(connection, target + " FROM STDIN" + options, in);
            }
        }
    }

    private static void jdbcBatch(Connection connection, List<EventRow> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dwh.response_events "
                + EventColumns.LIST + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long id = 0;
            for (EventRow e : events) {
                insert.setLong(1, ++id);
                insert.setObject(2, e.formId());
                insert.setString(3, e.formName());
                insert.setObject(4, e.userId());
                insert.setString(5, e.userFullName());
                insert.setObject(6, e.submissionId());
                insert.setObject(7, e.submissionCreated().atOffset(java.time.ZoneOffset.UTC));
                insert.setObject(8, e.processedOn().atOffset(java.time.ZoneOffset.UTC));
                insert.setString(9, e.schemaPath());
                insert.setString(10, e.value());
                insert.setString(11, e.answerType());
                insert.setString(12, e.tag());
                insert.addBatch();
                if (id % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }
}

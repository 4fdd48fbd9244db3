package org.etlworkshop.limit;

import org.etlworkshop.db.CopyIn;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.extract.Fetch;
import org.etlworkshop.extract.ReadMode;
import org.etlworkshop.load.EventColumns;
import org.etlworkshop.load.LoadTarget;
import org.etlworkshop.load.Loader;
import org.etlworkshop.pipeline.Pipeline;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.pipeline.RunOptions;
import org.etlworkshop.pipeline.ProcessorConfig;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.EventRow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenario's finished events, made once by the ordinary pipeline (the projection extractor and
 * the transformer, as {@code copy} runs them) and kept in memory and in three files: COPY text, COPY
 * binary and CSV. Every ceiling loads these same rows, so only the load differs. Holding them costs
 * heap in proportion to the events (about 1 GB for a million): {@code etl limit} is for up to large.
 */
final class ReadyRows {

    enum Format {
        TEXT("events.copy", ""), BINARY("events.bin", " (FORMAT binary)"), CSV("events.csv", " (FORMAT csv)");

        private final String fileName;
        private final String options;

        Format(String fileName, String options) {
            this.fileName = fileName;
            this.options = options;
        }
    }

    private final List<EventRow> events;
    private final Path directory;
    private final boolean serverReadsFiles;

    private ReadyRows(List<EventRow> events, Path directory, boolean serverReadsFiles) {
        this.events = events;
        this.directory = directory;
        this.serverReadsFiles = serverReadsFiles;
    }

    /** Runs the scenario through the pipeline into memory (on a fresh run database), then writes the files. */
    static ReadyRows made(PostgresServer server, String scenario, Path directory, boolean distributed) throws IOException {
        ProcessorConfig config = ProcessorConfig.builder("limit", "copy").read(ReadMode.STREAM).fetch(Fetch.PROJECTION).build();
        Pipeline<?> copy = Pipeline.of(config);
        List<EventRow> events = new ArrayList<>();
        ProcessRun.on(server, scenario, RunOptions.builder().distributed(distributed).build()).execute(config, new Pipeline<>(copy.extractor(), copy.transformer(), new Kept(events)));
        ReadyRows rows = new ReadyRows(events, directory.toAbsolutePath(), server.isEmbedded());
        rows.write();
        return rows;
    }

    List<EventRow> events() {
        return events;
    }

    /** The embedded server shares this machine's disk, so it can read the files itself. */
    boolean serverReadsFiles() {
        return serverReadsFiles;
    }

    Path file(Format format) {
        return directory.resolve(format.fileName);
    }

    /** {@code COPY ... FROM 'file'} when the server can read it, else the file streamed through {@code FROM STDIN}. */
    void copy(Connection connection, Format format) throws SQLException, IOException {
        if (!serverReadsFiles) {
            copyFromStdin(connection, format);
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY " + EventColumns.TABLE + " FROM '"
                    + file(format).toString().replace("'", "''") + "'" + format.options);
        }
    }

    void copyFromStdin(Connection connection, Format format) throws IOException {
        try (InputStream in = Files.newInputStream(file(format))) {
            CopyIn.run(connection, "COPY " + EventColumns.TABLE + " FROM STDIN" + format.options, in);
        }
    }

    private void write() throws IOException {
        Files.createDirectories(directory);
        AtomicLong textId = new AtomicLong(), binaryId = new AtomicLong();
        write(Format.TEXT, CopyIn.textStream(events.iterator(), (e, row) -> EventColumns.text(textId.incrementAndGet(), e, row)));
        write(Format.BINARY, CopyIn.binaryStream(EventColumns.COUNT, events.iterator(),
                (e, row) -> EventColumns.binary(binaryId.incrementAndGet(), e, row)));
        writeCsv();
    }

    private void write(Format format, InputStream encoded) throws IOException {
        try (OutputStream out = Files.newOutputStream(file(format))) {
            encoded.transferTo(out);
        }
    }

    /** RFC 4180 CSV: NULL is an empty field, an empty string is {@code ""}. */
    private void writeCsv() throws IOException {
        DateTimeFormatter timestamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx").withZone(ZoneOffset.UTC);
        try (Writer out = Files.newBufferedWriter(file(Format.CSV))) {
            long id = 0;
            for (EventRow e : events) {
                out.write(Long.toString(++id));
                for (Object field : new Object[]{e.formId(), e.formName(), e.userId(), e.userFullName(), e.submissionId(),
                        timestamp.format(e.submissionCreated()), timestamp.format(e.processedOn()), e.schemaPath(),
                        e.value(), e.answerType(), e.tag()}) {
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

    /** A "loader" that writes nothing and keeps every row. */
    private record Kept(List<EventRow> into) implements Loader<EventRow> {
        @Override
        public EventFactory<EventRow> eventFactory() {
            return EventFactory.ROWS;
        }

        @Override
        public long load(Iterator<EventRow> events, LoadTarget target) {
            events.forEachRemaining(into::add);
            return 0;
        }
    }
}

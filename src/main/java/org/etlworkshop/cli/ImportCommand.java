package org.etlworkshop.cli;

import org.etlworkshop.UsageException;
import org.etlworkshop.db.ConnectionInfo;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.move.Format;
import org.etlworkshop.move.Importer;
import org.etlworkshop.move.S3Location;
import org.etlworkshop.move.Source;
import org.etlworkshop.move.Sources;
import org.etlworkshop.report.Units;
import com.zaxxer.hikari.HikariDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load a file, standard input, an http(s) URL or an s3:// object into a table, streaming the bytes "
                + "into COPY as they arrive (gzip recognised from the content). CSV with a header, JSON Lines, and "
                + "PostgreSQL's COPY text and binary formats. The rows are added to the table: nothing in it is ever "
                + "deleted (as etl transfer without --replace). One transaction: it all loads or nothing does. Rows the "
                + "server refuses go verbatim to SOURCE.rejects with the reason in SOURCE.rejects.log (--max-rejects).",
                "Examples: etl import events.csv.gz dwh.response_events --scenario medium",
                "          etl import https://host/chat.jsonl app.messages --url jdbc:postgresql://localhost/db "
                        + "--map body=data.message --map sent=ts:epoch --where type=message"})
final class ImportCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "A path, - for standard input, http(s)://... or s3://bucket/key.")
    String sourceSpec;

    @Parameters(index = "1", paramLabel = "SCHEMA.TABLE", description = "The table to load into; it must exist.")
    String table;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Load into this scenario's run database "
            + "(the one etl psql NAME opens). Without it, --url names the database.")
    String scenario;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, jsonl, text (COPY text) or binary (COPY binary). "
            + "Default: detected from the content and the name.")
    String format;

    @Option(names = "--map", paramLabel = "COLUMN=PATH[:CONVERSION]", description = "JSON Lines: the column takes the value at "
            + "this dotted path, e.g. body=data.message; conversions: epoch, epoch-ms (to timestamptz). Repeatable; "
            + "with --map only the mapped columns are loaded.")
    List<String> maps = new ArrayList<>();

    @Option(names = "--where", paramLabel = "PATH=VALUE", description = "JSON Lines: keep only the lines whose value at PATH "
            + "is VALUE. Repeatable (all must hold).")
    List<String> where = new ArrayList<>();

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "copy", description = "copy (COPY FROM STDIN), batch (JDBC "
            + "batches, reWriteBatchedInserts) or row (one INSERT and one commit per row: slow, and not atomic). "
            + "Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--max-rejects", paramLabel = "N", defaultValue = "0", description = "Bad rows to set aside before "
            + "the import fails (default: ${DEFAULT-VALUE}: the first bad row fails it, and nothing is loaded).")
    long maxRejects;

    @Option(names = "--rejects-dir", paramLabel = "DIR", defaultValue = ".", description = "Where SOURCE.rejects and "
            + "SOURCE.rejects.log are written (default: the current directory).")
    Path rejectsDir;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "For s3:// sources on an S3-compatible store "
            + "(MinIO, S3Proxy, ...): its endpoint, with path-style addressing. Credentials: the AWS SDK's standard chain.")
    URI s3Endpoint;

    @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "16777216", description = "The longest line (a CSV "
            + "record, with its quoted line breaks) the import holds: a longer one is a reject (its first N bytes kept in "
            + "the rejects file), or fails the import without --max-rejects; so input without line breaks never fills "
            + "memory. Default: ${DEFAULT-VALUE} (16 MiB).")
    long maxLineBytes;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "For http(s):// and s3:// "
            + "sources: how long connecting may take, and how long the body may stall, before the import fails and rolls "
            + "back. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--follow-redirects", description = "Follow an HTTP redirect to another host too (by default only "
            + "redirects on the same host are followed, and never from https to http).")
    boolean followRedirects;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "Loading connections, all of them "
            + "committing or none (two-phase commit). Where the server parses the rows (CSV or COPY text, no rejects, "
            + "--method copy), the source is cut at row boundaries into blocks for N COPY connections; otherwise this "
            + "thread parses and N connections load through a bounded queue. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--retained-heap", description = "Measure the live heap after a full GC once every row is read.")
    boolean retainedHeap;

    @Mixin
    ServerOptions server;

    @Override
    public void run() {
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout must be at least 1 second");
        }
        Importer.Options options = new Importer.Options(format == null ? null : Format.named(format),
                maps.stream().map(Importer.ColumnMappingSpec::new).toList(), where, Importer.Method.named(method), maxRejects,
                rejectsDir, retainedHeap, workers, maxLineBytes); // validated: a bad value or combination is refused before anything starts
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Source source = Sources.of(sourceSpec, new S3Location.Client(Optional.ofNullable(s3Endpoint), timeout), timeout,
                followRedirects);
        // the command's name only: a pre-signed URL's query string is its credential, and the lock file is readable
        try (PostgresServer postgres = server.start("etl import")) {
            ServerLine.print(postgres);
            ConnectionInfo target = ScenarioDatabase.toWrite(postgres, scenario);
            Importer.Result result;
            // stringtype=unspecified: --method batch and row send text the server casts to each column's type
            try (HikariDataSource pool = Pools.open(target, workers + 1, Map.of("reWriteBatchedInserts", "true", "stringtype", "unspecified"));
                 Console.BytesProgress progress = new Console.BytesProgress("Importing " + source.fileName())) {
                result = Importer.run(source, pool, table, options, progress::update);
            }
            print(result);
        }
    }

    private static void print(Importer.Result r) {
        r.recovered().forEach(line -> Console.status("note: " + line));
        Console.line("");
        Console.line("imported " + r.source() + " into " + r.table() + "  (" + r.format().label() + ", --method "
                + r.method().cliName() + ")");
        Console.line(String.format("  %-16s %,d", "rows loaded", r.rowsLoaded()));
        Console.line(String.format("  %-16s %,d%s", "rows rejected", r.rowsRejected(),
                r.rejectsFile().map(f -> " (rows in " + f + ", reasons in " + r.rejectsLog().orElseThrow() + ")").orElse("")));
        if (r.rowsFiltered() > 0) {
            Console.line(String.format("  %-16s %,d (--where)", "lines left out", r.rowsFiltered()));
        }
        Console.line(String.format("  %-16s %s", "read", Units.mib(r.bytesRead()) + " from the source"));
        Console.line(String.format("  %-16s %s", "elapsed", Units.seconds(r.elapsed())));
        Console.line(String.format("  %-16s %,.0f rows/s", "rate", r.rowsPerSecond()));
        Console.line(String.format("  %-16s %s", "columns", String.join(", ", r.columns())));
        r.retainedHeap().ifPresent(bytes -> Console.line(String.format("  %-16s %s (live, after a full GC)", "heap at end",
                Units.mib(bytes))));
    }
}

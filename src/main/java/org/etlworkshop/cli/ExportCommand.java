package org.etlworkshop.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.ConnectionInfo;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.move.Destination;
import org.etlworkshop.move.Exporter;
import org.etlworkshop.move.Format;
import org.etlworkshop.move.S3Location;
import org.etlworkshop.report.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Stream a table or a query out of a scenario's database (or --url's) with COPY TO STDOUT, in "
                + "constant memory: CSV with a header, JSON Lines or COPY binary, gzip when the name ends with .gz (or "
                + "--gzip / --no-gzip), to a file, standard output or s3://bucket/key. A regular file appears under its "
                + "name only once it is complete; a FIFO or a device is written straight into. A --query is one "
                + "statement, run read-only.",
                "Examples: etl export medium dwh.response_events --to events.csv.gz",
                "          etl export medium --query 'select form_name, count(*) from dwh.response_events group by 1' --to -"})
final class ExportCommand implements Runnable {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "The scenario whose database to read "
            + "(its last run, else its generated data). Leave out with --url.")
    String scenario;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SCHEMA.TABLE", description = "The table to export (or --query).")
    String table;

    @Option(names = "--query", paramLabel = "SQL", description = "Export this query's result instead of a table.")
    String query;

    @Option(names = "--to", required = true, paramLabel = "FILE|-|s3://BUCKET/KEY", description = "Where the rows go.")
    String to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv, jsonl, text (COPY text) or binary (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--gzip", negatable = true, description = "Compress with gzip, or not (--no-gzip). Default: when "
            + "the destination's name ends with .gz.")
    Boolean gzip;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "For s3:// on an S3-compatible store: its endpoint.")
    URI s3Endpoint;

    @Mixin
    ServerOptions server;

    @Override
    public void run() {
        if (table == null && scenario != null && scenario.contains(".") && server.url != null) {
            table = scenario; // with --url there is no scenario: the one argument is the table
            scenario = null;
        }
        if ((table == null) == (query == null)) {
            throw new UsageException("give either SCHEMA.TABLE or --query SQL");
        }
        Format chosen = Format.named(format);
        boolean compressed = gzip != null ? gzip : to.toLowerCase(Locale.ROOT).endsWith(".gz");
        Destination destination = Destination.of(to, new S3Location.Client(Optional.ofNullable(s3Endpoint)));
        try (PostgresServer postgres = server.start("etl export")) {
            ServerLine.print(postgres);
            ConnectionInfo source = ScenarioDatabase.toRead(postgres, scenario);
            Exporter.Result r;
            try (HikariDataSource pool = Pools.open(source, 1, Map.of());
                 Console.BytesProgress progress = new Console.BytesProgress("Exporting")) {
                r = Exporter.run(pool, table, query, chosen, compressed, destination, progress::update);
            }
            Console.status(String.format("exported %s to %s: %,d rows, %s (%s%s), %s", r.what(), r.destination(), r.rows(),
                    Units.mib(r.bytes()), r.format().name().toLowerCase(), compressed ? ", gzip" : "", Units.seconds(r.elapsed())));
        }
    }
}

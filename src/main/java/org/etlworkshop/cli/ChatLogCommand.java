package org.etlworkshop.cli;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.LocalMariaDb;
import org.etlworkshop.move.ChatLogIntoMariaDb;
import org.etlworkshop.report.Units;
import org.etlworkshop.scenario.ChatLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

@Command(name = "chat-log", mixinStandardHelpOptions = true,
        description = {"The chat-log workload: a generated JSON Lines chat log (nested fields, hostile text), loaded into "
                + "MariaDB the way the original design did (one parser, one consumer per core); then into PostgreSQL with "
                + "etl import --map/--where --workers, and from MariaDB with etl transfer.",
                "Example: etl chat-log generate chat.jsonl --lines 2000000 && etl mariadb start && etl chat-log to-mariadb chat.jsonl"})
final class ChatLogCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Write the chat log: the same seed and "
            + "number of lines always give the same bytes.")
    void generate(@Parameters(paramLabel = "FILE") Path file,
                  @Option(names = "--lines", paramLabel = "N", defaultValue = "2000000", description = "Events (default: ${DEFAULT-VALUE}).") long lines,
                  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + ChatLog.DEFAULT_SEED, description = "Default: ${DEFAULT-VALUE}.") long seed) {
        if (lines < 0) {
            throw new UsageException("--lines must be 0 or more");
        }
        long start = System.nanoTime();
        long messages;
        try (OutputStream out = Files.newOutputStream(file)) {
            messages = ChatLog.write(out, lines, seed);
        } catch (IOException e) {
            throw new EtlException("cannot write " + file + ": " + IoErrors.describe(e), e);
        }
        Console.line(String.format("wrote %,d lines (%,d messages, %s) to %s in %s", lines, messages, Units.mib(file.toFile().length()),
                file, Units.seconds(Duration.ofNanos(System.nanoTime() - start))));
    }

    @Command(name = "to-mariadb", mixinStandardHelpOptions = true, description = "Load the log's messages into MariaDB's "
            + ChatLogIntoMariaDb.TABLE + " (made anew): this thread parses, one consumer per core inserts in JDBC batches of "
            + "1,000, each committed.")
    void toMariaDb(@Parameters(paramLabel = "FILE") Path file,
                   @Option(names = "--url", paramLabel = "JDBC_URL", description = "A jdbc:mariadb:// or jdbc:mysql:// URL "
                           + "(default: the server of etl mariadb start).") String url,
                   @Option(names = "--mariadb-dir", paramLabel = "DIR", defaultValue = ".etl-mariadb",
                           description = "The private server's directory, without --url (default: ${DEFAULT-VALUE}).") Path dir,
                   @Option(names = "--consumers", paramLabel = "N", description = "Default: one per core.") Integer consumers) {
        int n = consumers != null ? consumers : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > 64) {
            throw new UsageException("--consumers must be 1 to 64");
        }
        if (!Files.isReadable(file)) {
            throw new UsageException("no chat log at " + file + "; make one with: etl chat-log generate " + file);
        }
        String target = url != null ? url : LocalMariaDb.running(dir).map(s -> s.jdbcUrl(LocalMariaDb.DATABASE))
                .orElseThrow(() -> new EtlException("no MariaDB is running from " + dir + "; start it with: etl mariadb start, or give --url"));
        ChatLogIntoMariaDb.Result r = ChatLogIntoMariaDb.load(file, target, n, ChatLog.CHANNELS);
        Console.line(String.format("loaded %,d messages into MariaDB %s with 1 parser and %d consumers in %s: %,.0f rows/s "
                        + "(%,d other lines left out by --where %s, %,d unreadable)", r.rows(), ChatLogIntoMariaDb.TABLE, r.consumers(),
                Units.seconds(r.elapsed()), r.rowsPerSecond(), r.linesFiltered(), ChatLogIntoMariaDb.WHERE, r.skipped()));
    }
}

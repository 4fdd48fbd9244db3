package org.etlworkshop.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.etlworkshop.EtlException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL started from Zonky's binaries, with its data kept in {@code <data-dir>/pgdata}
 * between commands so generated scenarios survive. Started for one command and stopped after it;
 * Zonky's shutdown hook stops it on Ctrl-C too.
 */
public final class EmbeddedServer implements PostgresServer {
    private static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final DataDirLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedServer(Path dataDir, DataDirLock lock, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.postgres = postgres;
    }

    public static EmbeddedServer start(Path dataDir, Durability durability, String commandDescription) {
        return start(dataDir, durability, Map.of(), commandDescription);
    }

    /**
     * @param settings PostgreSQL settings applied last, over the durability and workshop defaults
     *                 ({@code --server-setting}): for trying what a setting does to a load
     */
    public static EmbeddedServer start(Path dataDir, Durability durability, Map<String, String> settings,
                                       String commandDescription) {
        checkArguments(dataDir, settings);
        DataDirLock lock = DataDirLock.acquire(dataDir, commandDescription);
        try {
            Path pgdata = dataDir.resolve("pgdata");
            stopPostmasterLeftBehind(pgdata);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgdata)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "50")
                    // Parallel workers publish all or nothing by two-phase commit (TwoPhaseCommit); 0 by default.
                    .setServerConfig("max_prepared_transactions", "32")
                    // The workshop loads millions of rows: fewer forced checkpoints mid-run.
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("timezone", "UTC");
            durability.serverSettings().forEach(builder::setServerConfig);
            settings.forEach(builder::setServerConfig);
            return new EmbeddedServer(dataDir, lock, ServerStartup.start(builder, dataDir.resolve("server-start.log")));
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (e instanceof EtlException etl) {
                throw etl;
            }
            throw new EtlException("could not start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage()
                    + " (the server's output is in " + dataDir.resolve("server-start.log") + ")", e);
        }
    }

    /**
     * Zonky hands the data directory and the settings to pg_ctl through a shell: only what cannot be
     * read as shell code gets that far ({@link ServerArguments}). A usage error otherwise.
     */
    public static void checkArguments(Path dataDir, Map<String, String> settings) {
        ServerArguments.checkDataDir(dataDir);
        settings.forEach(ServerArguments::checkSetting);
    }

    /**
     * A previous command killed with SIGKILL leaves its postmaster running: we hold the data
     * directory lock, so nobody else owns it. Ask it to shut down before starting our own. The pid
     * file may be stale (a reboot, a crash) and its number reused by an unrelated process: only a
     * postgres serving this very data directory is signalled; otherwise the stale file is removed.
     */
    private static void stopPostmasterLeftBehind(Path pgdata) throws IOException {
        Path pidFile = pgdata.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
        Optional<ProcessHandle> postmaster;
        try {
            postmaster = ProcessHandle.of(Long.parseLong(firstLine));
        } catch (NumberFormatException e) {
            postmaster = Optional.empty();
        }
        if (postmaster.isEmpty() || !isPostmasterOf(postmaster.get(), pgdata)) {
            Files.deleteIfExists(pidFile); // stale: nobody serves this directory
            return;
        }
        ProcessHandle handle = postmaster.get();
        handle.destroy(); // SIGTERM: smart shutdown, its clients are gone with the dead command
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (isPostmasterOf(handle, pgdata)) {
                handle.destroyForcibly();
            }
        }
    }

    /** Whether {@code process} is a postgres whose command line names {@code pgdata} as its data directory. */
    static boolean isPostmasterOf(ProcessHandle process, Path pgdata) {
        if (!LocalPostmaster.isPostgres(process)) {
            return false;
        }
        List<String> arguments = List.of(process.info().arguments().orElse(new String[0]));
        Path wanted = pgdata.toAbsolutePath().normalize();
        int d = arguments.indexOf("-D");
        return d >= 0 && d + 1 < arguments.size() && Path.of(arguments.get(d + 1)).toAbsolutePath().normalize().equals(wanted);
    }

    @Override
    public ConnectionInfo maintenance() {
        return new ConnectionInfo("localhost", postgres.getPort(), "postgres", SUPERUSER, Optional.empty());
    }

    @Override
    public boolean isEmbedded() {
        return true;
    }

    @Override
    public String location() {
        return "embedded, data in " + dataDir.resolve("pgdata") + ", port " + postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new EtlException("could not stop the embedded PostgreSQL: " + e.getMessage(), e);
        } finally {
            lock.close();
        }
    }
}

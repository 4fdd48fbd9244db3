package org.etlworkshop.db;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private MariaDB for the tests, the lessons and the benchmarks, started the way the embedded
 * PostgreSQL is: a data directory of its own made once with {@code mariadb-install-db}, then
 * {@code mariadbd} as the current user on a free loopback port, stopped when asked. Nothing of the
 * machine's own MariaDB (its configuration files, its socket, its port) is used: {@code --no-defaults}.
 *
 * <p>The directory holds {@code data/}, {@code server.log}, {@code mariadbd.pid}, {@code port} and
 * {@code files/} (the one place {@code SELECT ... INTO OUTFILE} may write). Like the embedded server's
 * fast workshop setting, the log is not flushed at each commit ({@code innodb_flush_log_at_trx_commit=0}).
 * The user is {@code root} without a password, reachable from 127.0.0.1 only.
 */
public final class LocalMariaDb {
    public static final String DATABASE = "etl";
    private static final List<Path> SEARCHED = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/bin"),
            Path.of("/usr/local/sbin"), Path.of("/usr/local/mysql/bin"));

    /** A server running from {@code dir}. */
    public record Running(Path dir, int port, long pid) {
        /** {@code jdbc:mariadb://127.0.0.1:PORT/DATABASE?user=root} */
        public String jdbcUrl(String database) {
            return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root";
        }

        public Path outfileDirectory() {
            return dir.resolve("files");
        }
    }

    private LocalMariaDb() {
    }

    /** Whether {@code mariadbd} and {@code mariadb-install-db} are on this machine (Debian: {@code apt-get install mariadb-server}). */
    public static boolean installed() {
        return program("mariadbd").isPresent() && program("mariadb-install-db").isPresent();
    }

    /** The server running from {@code dir}, if one is: its pid file names a live {@code mariadbd}. */
    public static Optional<Running> running(Path dir) {
        try {
            Path pidFile = dir.resolve("mariadbd.pid"), portFile = dir.resolve("port");
            if (!Files.exists(pidFile) || !Files.exists(portFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            int port = Integer.parseInt(Files.readString(portFile).strip());
            return ProcessHandle.of(pid).filter(LocalMariaDb::isMariaDbd).map(p -> new Running(dir, port, pid));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // a half-written or foreign file: no server of ours
        }
    }

    /** Starts the server of {@code dir} (installing its data directory the first time), or returns the one already running. */
    public static Running start(Path dir) {
        Optional<Running> already = running(dir);
        if (already.isPresent()) {
            return already.get();
        }
        Path mariadbd = program("mariadbd").orElseThrow(LocalMariaDb::notInstalled);
        try {
            Files.createDirectories(dir.resolve("files"));
            install(dir);
            int port = freePort();
            Files.writeString(dir.resolve("port"), Integer.toString(port));
            Files.deleteIfExists(dir.resolve("mariadbd.pid"));
            Files.writeString(dir.resolve("server.log"), "");
            List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults",
                    "--datadir=" + dir.resolve("data").toAbsolutePath(), "--port=" + port, "--bind-address=127.0.0.1",
                    "--socket=" + socket(dir), "--pid-file=" + dir.resolve("mariadbd.pid").toAbsolutePath(),
                    "--secure-file-priv=" + dir.resolve("files").toAbsolutePath(), "--character-set-server=utf8mb4",
                    "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--innodb-buffer-pool-size=256M",
                    "--max-allowed-packet=256M", "--skip-log-bin"));
            if (isRoot()) {
                command.add("--user=root"); // mariadbd refuses to run as root unless told to
            }
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
                    .start();
            Running server = new Running(dir, port, process.pid());
            awaitReady(server, process);
            return server;
        } catch (IOException e) {
            throw new EtlException("cannot start MariaDB in " + dir + ": " + IoErrors.describe(e), e);
        }
    }

    /** Stops the server of {@code dir}; false when none was running. */
    public static boolean stop(Path dir) {
        Optional<Running> server = running(dir);
        if (server.isEmpty()) {
            return false;
        }
        ProcessHandle process = ProcessHandle.of(server.get().pid()).orElseThrow();
        process.destroy(); // SIGTERM: mariadbd shuts down cleanly
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(dir.resolve("port"));
        } catch (IOException ignored) {
            // the next start writes it again
        }
        return true;
    }

    private static void install(Path dir) throws IOException {
        Path data = dir.resolve("data"), marker = dir.resolve("installed");
        if (Files.exists(marker)) {
            return;
        }
        if (Files.exists(data)) { // an install that did not finish: start again from nothing
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        Path installDb = program("mariadb-install-db").orElseThrow(LocalMariaDb::notInstalled);
        List<String> command = new ArrayList<>(List.of(installDb.toString(), "--no-defaults", "--datadir=" + data.toAbsolutePath(),
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (isRoot()) {
            command.add("--user=root");
        }
        Path log = dir.resolve("install.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new EtlException("mariadb-install-db failed in " + dir + ": " + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtlException("interrupted while installing MariaDB in " + dir);
        }
        Files.writeString(marker, "mariadb-install-db finished\n");
    }

    /** Connects until the server answers (then creates the {@value #DATABASE} database), or reports why it stopped. */
    private static void awaitReady(Running server, Process process) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EtlException("MariaDB stopped while starting (exit " + process.exitValue() + "): "
                        + tail(server.dir().resolve("server.log")));
            }
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(""));
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.destroyForcibly();
        throw new EtlException("MariaDB did not answer within 120 s: " + (last == null ? "" : last.getMessage()) + "; "
                + tail(server.dir().resolve("server.log")));
    }

    /** In the directory when its path is short enough for a Unix socket (108 bytes), else in the temporary directory. */
    private static String socket(Path dir) throws IOException {
        String inDir = dir.resolve("mariadbd.sock").toAbsolutePath().toString();
        if (inDir.getBytes(StandardCharsets.UTF_8).length < 100) {
            return inDir;
        }
        return Files.createTempDirectory("etl-mariadb").resolve("s.sock").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isMariaDbd(ProcessHandle process) {
        String command = process.info().command().orElse("");
        return command.endsWith("/mariadbd") || command.equals("mariadbd");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Optional<Path> program(String name) {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(s -> !s.isEmpty()).map(Path::of);
        return Stream.concat(onPath, SEARCHED.stream()).map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    private static EtlException notInstalled() {
        return new EtlException("MariaDB is not installed here: install it (Debian: apt-get install mariadb-server); "
                + "etl needs mariadbd and mariadb-install-db");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log in " + log + ")";
        }
    }
}

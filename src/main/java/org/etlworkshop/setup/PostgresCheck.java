package org.etlworkshop.setup;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.ConnectionInfo;
import org.etlworkshop.db.Durability;
import org.etlworkshop.db.EmbeddedServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * This platform's PostgreSQL: its binaries are in this build (a build carries its own platform's,
 * a room kit every platform's), and a server made from nothing in {@code <data-dir>/doctor} starts
 * and answers. The time includes unpacking the binaries the first time and {@code initdb}, as a
 * first {@code etl} command pays them.
 */
final class PostgresCheck {
    private PostgresCheck() {
    }

    static Finding run(Platform platform, Path dataDir, boolean dataDirWritable) {
        String binaries = platform.zonkyResource();
        if (PostgresCheck.class.getClassLoader().getResource(binaries) == null) {
            return Finding.missing("PostgreSQL", true, "this build has no PostgreSQL binaries for " + platform.describe()
                    + " (" + binaries + ")", platform.os() == Platform.Os.OTHER || binaries.contains("windows-arm_64")
                    ? "no embedded PostgreSQL is made for this platform: install PostgreSQL and use --url"
                    : "rebuild on this machine (./etl builds with this platform's binaries), or use a room kit (etl kit)");
        }
        if (!dataDirWritable) {
            return Finding.missing("PostgreSQL", true, "not started: it needs a writable data directory (above)",
                    "fix the data directory first");
        }
        Path scratch = dataDir.resolve("doctor");
        delete(scratch); // a new server each time, so the time includes initdb
        long start = System.nanoTime();
        try (EmbeddedServer server = EmbeddedServer.start(scratch, Durability.FAST, "etl doctor")) {
            String version = version(server.maintenance());
            double seconds = (System.nanoTime() - start) / 1e9;
            delete(scratch);
            return Finding.ok("PostgreSQL", true, String.format("%s from %s started in %.1f s (a new server: initdb included)",
                    version, binaries, seconds));
        } catch (EtlException | SQLException e) {
            return Finding.missing("PostgreSQL", true, "did not start: " + e.getMessage(),
                    "read " + scratch.resolve("server-start.log") + " (the server's own words), and etl doctor --verbose");
        }
    }

    private static String version(ConnectionInfo server) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", server.user());
        server.password().ifPresent(p -> properties.setProperty("password", p));
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 'PostgreSQL ' || current_setting('server_version')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a scratch server left behind costs disk, not correctness: the next doctor deletes it
        }
    }
}

package org.etlworkshop.db;

import org.etlworkshop.EtlException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server really runs with, read back from it rather than assumed from the flags we
 * passed: the version and the settings that decide what a write and a commit cost.
 */
public record ServerFacts(String version, Map<String, String> settings) {

    /** The settings a profile records: durability first, then those that shape a bulk load's WAL and cache. */
    public static final List<String> LOAD_SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes",
            "wal_level", "max_wal_size", "shared_buffers", "autovacuum");

    public static ServerFacts read(DataSource dataSource) {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String name : LOAD_SETTINGS) {
                try (ResultSet rs = statement.executeQuery("SELECT current_setting('" + name + "')")) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT current_setting('server_version')")) {
                rs.next();
                return new ServerFacts(rs.getString(1), Collections.unmodifiableMap(settings));
            }
        } catch (SQLException e) {
            throw new EtlException("cannot read the server settings: " + e.getMessage(), e);
        }
    }

    public boolean durable() {
        return "on".equals(settings.get("fsync")) && !"off".equals(settings.get("synchronous_commit"));
    }

    /** For every command's output: which durability is in force, since it changes commit costs. */
    public String durabilityLine() {
        return (durable() ? "durable" : "fast (not crash-safe)") + ": fsync=" + settings.get("fsync")
                + ", synchronous_commit=" + settings.get("synchronous_commit")
                + ", full_page_writes=" + settings.get("full_page_writes");
    }

    /** The other load settings, e.g. {@code wal_level=replica, shared_buffers=128MB}: what {@code --server-setting} changes. */
    public String loadSettingsLine() {
        return settings.entrySet().stream().skip(3).map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}

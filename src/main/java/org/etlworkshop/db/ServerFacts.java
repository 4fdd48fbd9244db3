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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the server really runs with, read back from it rather than assumed from the flags we
 * passed: the version and the settings that decide what a write and a commit cost.
 */
public record ServerFacts(String version, Map<String, String> settings) {

    /** The settings that decide what a commit costs: what {@code --durable} turns on. */
    public static final List<String> DURABILITY_SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");
    /** The settings a profile records: durability first, then those that shape a bulk load's WAL and cache. */
    public static final List<String> LOAD_SETTINGS = Stream.concat(DURABILITY_SETTINGS.stream(),
            Stream.of("wal_level", "max_wal_size", "shared_buffers", "autovacuum")).toList();

    /** One query: the version, then each of {@link #LOAD_SETTINGS} in order. */
    public static ServerFacts read(DataSource dataSource) {
        String query = Stream.concat(Stream.of("server_version"), LOAD_SETTINGS.stream())
                .map(name -> "current_setting('" + name + "')").collect(Collectors.joining(", ", "SELECT ", ""));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            Map<String, String> settings = new LinkedHashMap<>();
            for (int i = 0; i < LOAD_SETTINGS.size(); i++) {
                settings.put(LOAD_SETTINGS.get(i), rs.getString(i + 2));
            }
            return new ServerFacts(rs.getString(1), Collections.unmodifiableMap(settings));
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
        return loadSettingsLine(settings);
    }

    /** The same for settings recorded earlier, e.g. in a profile. */
    public static String loadSettingsLine(Map<String, String> settings) {
        return settings.entrySet().stream().filter(e -> !DURABILITY_SETTINGS.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}

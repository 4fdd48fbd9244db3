package org.etlworkshop.db;

import org.etlworkshop.EtlException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the server really runs with, read back from it rather than assumed from the flags we
 * passed: the version and the settings that decide what a commit costs.
 */
public record ServerFacts(String version, String fsync, String synchronousCommit, String fullPageWrites) {

    public static ServerFacts read(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'), "
                     + "current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
            rs.next();
            return new ServerFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
        } catch (SQLException e) {
            throw new EtlException("cannot read the server settings: " + e.getMessage(), e);
        }
    }

    public boolean durable() {
        return "on".equals(fsync) && !"off".equals(synchronousCommit);
    }

    /** For every command's output: which durability is in force, since it changes commit costs. */
    public String durabilityLine() {
        return (durable() ? "durable" : "fast (not crash-safe)") + ": fsync=" + fsync + ", synchronous_commit="
                + synchronousCommit + ", full_page_writes=" + fullPageWrites;
    }
}

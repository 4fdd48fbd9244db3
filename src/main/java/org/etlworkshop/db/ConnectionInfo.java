package org.etlworkshop.db;

import java.util.Optional;

/**
 * Where one database lives and who connects to it. The password never appears in
 * {@link #toString()} or {@link #jdbcUrl()}: it is handed to the driver and to psql separately.
 */
public record ConnectionInfo(String host, int port, String database, String user, Optional<String> password) {

    public ConnectionInfo withDatabase(String otherDatabase) {
        return new ConnectionInfo(host, port, otherDatabase, user, password);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}

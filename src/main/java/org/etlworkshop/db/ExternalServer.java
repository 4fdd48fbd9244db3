package org.etlworkshop.db;

import org.etlworkshop.UsageException;

import java.net.URI;
import java.util.Optional;

/**
 * A PostgreSQL server the user runs, given as {@code --url jdbc:postgresql://host:port/db}.
 * The database in the URL is used only to create and drop the scenario databases; the tool never
 * changes the server's durability settings.
 */
public final class ExternalServer implements PostgresServer {
    private final ConnectionInfo maintenance;

    private ExternalServer(ConnectionInfo maintenance) {
        this.maintenance = maintenance;
    }

    public static ExternalServer of(String jdbcUrl, String user, Optional<String> password) {
        String prefix = "jdbc:postgresql://";
        if (!jdbcUrl.startsWith(prefix)) {
            throw new UsageException("--url must look like jdbc:postgresql://host:port/database, got " + redact(jdbcUrl));
        }
        if (jdbcUrl.contains("password=")) {
            throw new UsageException("--url must not carry the password: use --password or PGPASSWORD");
        }
        URI uri;
        try {
            uri = URI.create("postgresql://" + jdbcUrl.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url is not a valid URL: " + e.getMessage());
        }
        if (uri.getHost() == null) {
            throw new UsageException("--url has no host: " + jdbcUrl);
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new ExternalServer(new ConnectionInfo(uri.getHost(), port, database, user, password));
    }

    private static String redact(String text) {
        return text.replaceAll("password=[^&]*", "password=***");
    }

    @Override
    public ConnectionInfo maintenance() {
        return maintenance;
    }

    @Override
    public boolean isEmbedded() {
        return false;
    }

    @Override
    public String location() {
        return "external, " + maintenance;
    }

    @Override
    public void close() {
        // Nothing to stop: the server is the user's.
    }
}

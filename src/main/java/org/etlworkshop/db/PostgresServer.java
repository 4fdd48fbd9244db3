package org.etlworkshop.db;

/**
 * The PostgreSQL server a command works against: the embedded one (default) or an external one
 * given with {@code --url}. Everything above this interface behaves the same for both.
 */
public interface PostgresServer extends AutoCloseable {

    /** Connection to the server's maintenance database, used to create and drop databases. */
    ConnectionInfo maintenance();

    /** Connection to another database on the same server. */
    default ConnectionInfo database(String name) {
        return maintenance().withDatabase(name);
    }

    boolean isEmbedded();

    /** One line for the user: where the server is, without any secret. */
    String location();

    @Override
    void close();
}

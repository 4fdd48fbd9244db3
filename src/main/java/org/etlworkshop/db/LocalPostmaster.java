package org.etlworkshop.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The process id of the postmaster behind a connection, when that server runs on this machine:
 * the parent of the backend serving us. Used to tell the server's CPU time apart from everyone
 * else's. A server on another host has no process here (its backend's pid may name an unrelated
 * local process), so only the embedded server and loopback addresses are looked up.
 */
public final class LocalPostmaster {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private LocalPostmaster() {
    }

    public static OptionalLong of(Connection connection, ConnectionInfo server) {
        if (!LOOPBACK.contains(server.host())) {
            return OptionalLong.empty();
        }
        try {
            Optional<ProcessHandle> postmaster = ProcessHandle.of(SingleValue.longOf(connection, "SELECT pg_backend_pid()")).filter(LocalPostmaster::isPostgres)
                    .flatMap(ProcessHandle::parent).filter(LocalPostmaster::isPostgres);
            return postmaster.map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
    }

    static boolean isPostgres(ProcessHandle process) {
        String command = process.info().command().orElse("");
        String name = command.substring(Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\')) + 1);
        return name.equals("postgres") || name.equals("postgres.exe");
    }
}

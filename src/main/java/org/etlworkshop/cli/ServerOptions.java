package org.etlworkshop.cli;

import org.etlworkshop.db.Durability;
import org.etlworkshop.db.EmbeddedServer;
import org.etlworkshop.db.ExternalServer;
import org.etlworkshop.db.PostgresServer;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.etlworkshop.UsageException;

/** Where the data lives: the embedded server (default) or {@code --url}. Shared by every command. */
public final class ServerOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".etl",
            description = "Directory of the embedded PostgreSQL's data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "Use a real server instead of the embedded one, e.g. jdbc:postgresql://localhost:5432/postgres.")
    String url;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "${env:PGUSER:-postgres}",
            description = "User for --url (default: $PGUSER or postgres).")
    String user;

    @Option(names = "--password", arity = "0..1", interactive = true, paramLabel = "PASSWORD",
            description = "Password for --url; prompts when given without a value. Default: $PGPASSWORD.")
    char[] password;

    @Option(names = "--durable",
            description = "Run the embedded server crash-safe (fsync and synchronous_commit on), like production. "
                    + "Default: fast workshop settings (both off).")
    boolean durable;

    @Option(names = "--server-setting", paramLabel = "NAME=VALUE",
            description = "Start the embedded server with this PostgreSQL setting, e.g. --server-setting shared_buffers=1GB "
                    + "(repeatable; applied after --durable). Not available with --url: the tool never changes an external "
                    + "server's settings.")
    Map<String, String> serverSettings;

    /** The same choices as arguments for a child {@code etl} command (the password goes by environment). */
    List<String> asArguments() {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        if (url != null) {
            args.addAll(List.of("--url", url, "--user", user));
        }
        if (durable) {
            args.add("--durable");
        }
        if (serverSettings != null) {
            serverSettings.forEach((name, value) -> args.addAll(List.of("--server-setting", name + "=" + value)));
        }
        return args;
    }

    Map<String, String> childEnvironment() {
        return password == null ? Map.of() : Map.of("PGPASSWORD", new String(password));
    }

    /** Another server named by a JDBC URL (etl transfer's --from or --to), with this command's --user and password. */
    PostgresServer external(String jdbcUrl) {
        Optional<String> secret = password != null ? Optional.of(new String(password))
                : Optional.ofNullable(System.getenv("PGPASSWORD"));
        return ExternalServer.of(jdbcUrl, user, secret);
    }

    PostgresServer start(String commandDescription) {
        if (url != null) {
            if (serverSettings != null) {
                throw new UsageException("--server-setting applies to the embedded server only: "
                        + "the tool never changes an external server's settings (set them on the server itself)");
            }
            if (durable) {
                Console.warn("--durable has no effect with --url: the tool never changes an external server's settings");
            }
            Optional<String> secret = password != null ? Optional.of(new String(password))
                    : Optional.ofNullable(System.getenv("PGPASSWORD"));
            return ExternalServer.of(url, user, secret);
        }
        Map<String, String> settings = serverSettings == null ? Map.of() : serverSettings;
        EmbeddedServer.checkArguments(dataDir, settings); // a usage error before anything starts
        Console.status("Starting the embedded PostgreSQL (" + dataDir + ")...");
        return EmbeddedServer.start(dataDir, durable ? Durability.DURABLE : Durability.FAST, settings, commandDescription);
    }
}

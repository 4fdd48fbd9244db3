package org.etlworkshop.cli;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.ConnectionInfo;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.PostgresServer;

/**
 * Which database import, export and transfer work on: a scenario's (its last run database, as
 * {@code etl psql} opens it) or, with {@code --url} and no scenario, the database the URL names.
 */
final class ScenarioDatabase {
    private ScenarioDatabase() {
    }

    /** Where to write: the scenario's run database (a fresh copy of its template when it has none), never its template. */
    static ConnectionInfo toWrite(PostgresServer server, String scenario) {
        if (scenario == null) {
            return requireUrl(server);
        }
        Databases databases = new Databases(server);
        requireGenerated(databases, scenario);
        String database = databases.runDatabaseToWrite(scenario);
        Console.status("Writing into " + database + " (the run database of " + scenario + ")");
        return server.database(database);
    }

    /** Where to read: the scenario's last run database, else its generated data. */
    static ConnectionInfo toRead(PostgresServer server, String scenario) {
        if (scenario == null) {
            return requireUrl(server);
        }
        Databases databases = new Databases(server);
        String database = databases.lastDatabase(scenario).orElseThrow(() -> notGenerated(scenario));
        Console.status("Reading from " + database);
        return server.database(database);
    }

    private static void requireGenerated(Databases databases, String scenario) {
        if (!databases.exists(Databases.templateName(scenario))) {
            throw notGenerated(scenario);
        }
    }

    private static EtlException notGenerated(String scenario) {
        return new EtlException("scenario " + scenario + " has not been generated yet: run  etl generate " + scenario);
    }

    private static ConnectionInfo requireUrl(PostgresServer server) {
        if (server.isEmbedded()) {
            throw new UsageException("say which database: --scenario NAME (its run database), or --url JDBC_URL");
        }
        return server.maintenance();
    }
}

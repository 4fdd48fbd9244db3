package org.etlworkshop.cli;

import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.db.ServerFacts;

import java.util.Map;

/** The line every command that starts a server prints first. */
final class ServerLine {
    private ServerLine() {
    }

    /** Which server, which version, and which durability is in force: every command says it. */
    static ServerFacts print(PostgresServer postgres) {
        ServerFacts facts;
        try (var pool = Pools.open(postgres.maintenance(), 1, Map.of())) {
            facts = ServerFacts.read(pool);
        }
        Console.status("PostgreSQL " + facts.version() + " (" + postgres.location() + "), durability " + facts.durabilityLine()
                + "; " + facts.loadSettingsLine());
        return facts;
    }
}

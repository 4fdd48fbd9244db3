package org.etlworkshop.cli;

import org.etlworkshop.db.Pools;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.db.ServerFacts;

import java.time.Duration;

/** Small formatting helpers shared by the commands' output. */
final class Reports {
    private Reports() {
    }

    /** Which server, which version, and which durability is in force: every command says it. */
    static ServerFacts serverLine(PostgresServer postgres) {
        ServerFacts facts;
        try (var pool = Pools.open(postgres.maintenance(), 1, java.util.Map.of())) {
            facts = ServerFacts.read(pool);
        }
        Console.status("PostgreSQL " + facts.version() + " (" + postgres.location() + "), durability " + facts.durabilityLine()
                + "; " + facts.loadSettingsLine());
        return facts;
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%,.1f MiB", bytes / 1048576.0);
    }

    static String seconds(Duration duration) {
        return String.format("%.2f s", duration.toNanos() / 1e9);
    }
}

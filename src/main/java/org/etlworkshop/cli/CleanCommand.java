package org.etlworkshop.cli;

import org.etlworkshop.db.CitusCluster;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.PostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Drop a scenario's template and run databases, or every workshop database when no scenario is given.")
final class CleanCommand implements Runnable {
    @Parameters(paramLabel = "SCENARIO", arity = "0..1", description = "Scenario to clean (default: all).")
    String scenarioName;

    @Mixin
    ServerOptions server;

    @Mixin
    CatalogOptions catalog;

    @Override
    public void run() {
        if (scenarioName != null && !catalog.scenarios().names().contains(scenarioName)) {
            catalog.scenarios().load(scenarioName); // throws the usual "unknown scenario" message
        }
        try (PostgresServer postgres = server.start("etl clean")) {
            ServerLine.print(postgres);
            Databases databases = new Databases(postgres);
            List<String> dropped;
            if (scenarioName != null) {
                dropped = databases.dropScenario(scenarioName);
            } else {
                dropped = databases.allWorkshopDatabases();
                dropped.forEach(databases::dropDatabase);
            }
            Console.line(dropped.isEmpty() ? "Nothing to clean." : "Dropped " + String.join(", ", dropped));
            // On a Citus coordinator, a distributed run database also lives on every worker (--distributed made it there).
            CitusCluster.ifCoordinator(postgres).ifPresent(cluster -> dropped.forEach(cluster::dropOnWorkers));
        }
    }
}

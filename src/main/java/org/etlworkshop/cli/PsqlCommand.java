package org.etlworkshop.cli;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.ConnectionInfo;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.db.Psql;
import org.etlworkshop.db.SqlShell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "psql", mixinStandardHelpOptions = true,
        description = {"Open psql on a scenario's last run database (or on its generated data if it was never processed).",
                "Options for etl come before SCENARIO; everything after it goes to psql, e.g.: etl psql medium -c 'select count(*) from dwh.response_events'",
                "Without a psql on the PATH, a built-in client runs -c commands and SQL from standard input."})
final class PsqlCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario whose database to open.")
    String scenarioName;

    @Parameters(index = "1..*", paramLabel = "PSQL_ARGS", description = "Arguments passed to psql.")
    List<String> psqlArgs = new ArrayList<>();

    @Mixin
    ServerOptions server;

    @Mixin
    CatalogOptions catalog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        catalog.scenarios().load(scenarioName);
        try (PostgresServer postgres = server.start("etl psql " + scenarioName)) {
            ServerLine.print(postgres);
            Databases databases = new Databases(postgres);
            String database = databases.lastDatabase(scenarioName).orElseThrow(() -> new EtlException(
                    "scenario " + scenarioName + " has not been generated yet: run  etl generate " + scenarioName));
            ConnectionInfo target = postgres.database(database);
            Console.status("Connected to " + database + (database.startsWith("etl_tpl_")
                    ? " (the generated data: no run yet, so dwh.response_events is empty)" : " (the last run)"));
            Optional<Path> psql = Psql.find();
            if (psql.isPresent()) {
                return runPsql(psql.get(), target);
            }
            return SqlShell.run(target, psqlArgs, System.in, System.out, System.err);
        }
    }

    private int runPsql(Path psql, ConnectionInfo target) {
        Interrupts.psqlInForeground(true);
        try {
            return Psql.command(psql, target, psqlArgs).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new EtlException("could not run " + psql + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        } finally {
            Interrupts.psqlInForeground(false);
        }
    }
}

package org.etlworkshop.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.Pools;
import org.etlworkshop.scenario.SourceChanges;

import org.etlworkshop.db.Databases;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.report.Units;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.scenario.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Optional;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a scenario's data once into its template database (skipped when up to date).")
final class GenerateCommand implements Runnable {
    @Parameters(paramLabel = "SCENARIO", description = "Scenario name, e.g. small, medium, large (see etl list).")
    String scenarioName;

    @Option(names = "--force", description = "Regenerate even if the template is up to date.")
    boolean force;

    @Option(names = "--append", paramLabel = "N", defaultValue = "0", description = "Add N new submissions to the scenario's "
            + "run database (the warehouse's source that lives between runs; a copy of the template if it has none).")
    int append;

    @Option(names = "--edit", paramLabel = "M", defaultValue = "0", description = "Change the answers of M existing "
            + "submissions there. Deterministic: the same commands make the same data.")
    int edit;

    @Mixin
    ServerOptions server;

    @Mixin
    CatalogOptions catalog;

    @Override
    public void run() {
        if (append < 0 || edit < 0) {
            throw new UsageException("--append and --edit take 0 or more submissions");
        }
        Scenario scenario = catalog.scenarios().load(scenarioName);
        try (PostgresServer postgres = server.start("etl generate " + scenarioName)) {
            ServerLine.print(postgres);
            Templates templates = new Templates(new Databases(postgres));
            Optional<Duration> took = Scenarios.generate(templates, scenario, force);
            String template = Databases.templateName(scenario.name());
            if (append > 0 || edit > 0) {
                String run = new Databases(postgres).runDatabaseToWrite(scenario.name());
                try (HikariDataSource pool = Pools.open(postgres.database(run))) {
                    SourceChanges.Changed changed = new SourceChanges(scenario).apply(pool, append, edit);
                    Console.line(String.format("Changed the source in %s: %,d submissions added, %,d edited, updated_at %s",
                            run, changed.appended(), changed.edited(), changed.updatedAt()));
                }
                return;
            }
            if (took.isEmpty()) {
                Console.line(scenario.name() + " is already generated in " + template + " (use --force to regenerate)");
            } else {
                Duration elapsed = took.get();
                Console.line(String.format("Generated %s in %s: %d forms, %d users, %d submissions (about %,d events) into %s",
                        scenario.name(), Units.seconds(elapsed), scenario.formCount(), scenario.users(),
                        scenario.submissions(), scenario.estimatedEvents(), template));
            }
        }
    }
}

package org.etlworkshop.cli;

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

    @Mixin
    ServerOptions server;

    @Mixin
    CatalogOptions catalog;

    @Override
    public void run() {
        Scenario scenario = catalog.scenarios().load(scenarioName);
        try (PostgresServer postgres = server.start("etl generate " + scenarioName)) {
            ServerLine.print(postgres);
            Templates templates = new Templates(new Databases(postgres));
            Optional<Duration> took = Scenarios.generate(templates, scenario, force);
            String template = Databases.templateName(scenario.name());
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

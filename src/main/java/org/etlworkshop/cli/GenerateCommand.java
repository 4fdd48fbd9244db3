package org.etlworkshop.cli;

import org.etlworkshop.db.Databases;
import org.etlworkshop.db.PostgresServer;
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

    /** Generates the scenario's template if needed, drawing a progress bar; how long it took, if it ran. */
    static Optional<Duration> withProgressBar(Templates templates, Scenario scenario, boolean force) {
        try (Console.ProgressHandle progress = Console.progress("Generating " + scenario.name(), scenario.submissions(),
                "submissions")) {
            return templates.ensureGenerated(scenario, force, progress);
        }
    }

    /** For commands that need the data: generates it first when missing, saying so. */
    static void ensureGenerated(PostgresServer postgres, Scenario scenario) {
        withProgressBar(new Templates(new Databases(postgres)), scenario, false)
                .ifPresent(took -> Console.status("Generated " + scenario.name() + " in " + Reports.seconds(took)));
    }

    @Override
    public void run() {
        Scenario scenario = catalog.scenarios().load(scenarioName);
        try (PostgresServer postgres = server.start("etl generate " + scenarioName)) {
            Reports.serverLine(postgres);
            Templates templates = new Templates(new Databases(postgres));
            Optional<Duration> took = withProgressBar(templates, scenario, force);
            String template = Databases.templateName(scenario.name());
            if (took.isEmpty()) {
                Console.line(scenario.name() + " is already generated in " + template + " (use --force to regenerate)");
            } else {
                Duration elapsed = took.get();
                Console.line(String.format("Generated %s in %s: %d forms, %d users, %d submissions (about %,d events) into %s",
                        scenario.name(), Reports.seconds(elapsed), scenario.formCount(), scenario.users(),
                        scenario.submissions(), scenario.estimatedEvents(), template));
            }
        }
    }
}

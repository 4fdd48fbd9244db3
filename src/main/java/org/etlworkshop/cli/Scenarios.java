package org.etlworkshop.cli;

import org.etlworkshop.db.Databases;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.report.Units;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.scenario.Templates;

import java.time.Duration;
import java.util.Optional;

/** Generating a scenario's template with a progress bar, for every command that needs the data. */
final class Scenarios {
    private Scenarios() {
    }

    /** Generates the template if it is missing or out of date (or {@code force}); how long it took, if it ran. */
    static Optional<Duration> generate(Templates templates, Scenario scenario, boolean force) {
        try (Console.ProgressHandle progress = Console.progress("Generating " + scenario.name(), scenario.submissions(),
                "submissions")) {
            return templates.ensureGenerated(scenario, force, progress);
        }
    }

    /** For commands that need the data: generates it first when missing, saying so. */
    static void ensureGenerated(PostgresServer postgres, Scenario scenario) {
        generate(new Templates(new Databases(postgres)), scenario, false)
                .ifPresent(took -> Console.status("Generated " + scenario.name() + " in " + Units.seconds(took)));
    }
}

package org.etlworkshop.cli;

import org.etlworkshop.db.Databases;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.limit.Ceiling;
import org.etlworkshop.limit.LoadCeilings;
import org.etlworkshop.report.Ceilings;
import org.etlworkshop.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

@Command(name = "limit", mixinStandardHelpOptions = true,
        description = {"Measure what PostgreSQL itself can take on this machine: the scenario's finished events, "
                + "written once to files, loaded into an empty dwh.response_events seven ways: a text COPY and a binary COPY "
                + "read by the server from the files, the same two streamed from this JVM through CopyManager, a binary COPY "
                + "with the secondary indexes built after it, a plain JDBC batch insert, and psql's \\copy of a CSV file. "
                + "These are the ceilings the processors are judged against. Each load also records how much of the "
                + "machine other processes used meanwhile.",
                "Example: etl limit large"})
final class LimitCommand implements Runnable {
    @Parameters(paramLabel = "SCENARIO", description = "Scenario whose events to load.")
    String scenarioName;

    @Option(names = "--profile-out", paramLabel = "FILE",
            description = "Where to write the ceilings as JSON (default: profiles/limit-<scenario>/ceilings.json).")
    Path out;

    @Option(names = "--distributed", description = "On a Citus coordinator (--url): load into the warehouse spread over "
            + "its workers, as etl process --distributed does, so the ceilings are those of the cluster.")
    boolean distributed;

    @Mixin
    ServerOptions server;

    @Mixin
    CatalogOptions catalog;

    @Mixin
    ProfilesOptions profilesDir;

    @Override
    public void run() {
        Scenario scenario = catalog.scenarios().load(scenarioName);
        try (PostgresServer postgres = server.start("etl limit " + scenarioName)) {
            ServerLine.print(postgres);
            Scenarios.ensureGenerated(postgres, scenario);
            Path work = profilesDir.directory().resolve("limit-" + scenario.name());
            Console.status("Extracting and transforming the events once, then writing them to " + work + " (not timed)...");
            List<Ceiling> ceilings = LoadCeilings.measure(postgres, scenario.name(), work, distributed);
            Console.line("");
            Console.line(String.format("What PostgreSQL takes on this machine: %,d events of %s into an empty dwh.response_events",
                    ceilings.get(0).rows(), scenario.name()));
            for (Ceiling c : ceilings) {
                Console.line(String.format("  %-26s %8.2f s %,12.0f rows/s   %s%s", c.name(), c.seconds(), c.rowsPerSecond(),
                        c.method(), c.disturbed() ? "  DISTURBED: " + c.interference().summary() : ""));
            }
            Path file = out != null ? out : work.resolve("ceilings.json");
            Ceilings.write(ceilings, file);
            Console.line("  ceilings:    " + file);
        }
    }
}

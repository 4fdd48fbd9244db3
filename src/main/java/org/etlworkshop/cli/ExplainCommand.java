package org.etlworkshop.cli;

import org.etlworkshop.report.Bottleneck;
import org.etlworkshop.report.Profile;
import org.etlworkshop.report.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Name a run's bottleneck with the figures of its profile that show it: N+1 queries, a growing "
                + "persistence context, JDBC batching off, a commit per row, index upkeep, who waited in a queue.",
                "Example: etl explain profiles/medium_naive_20250101-120000.json"})
final class ExplainCommand implements Runnable {
    @Parameters(paramLabel = "PROFILE", arity = "1..*", description = "Profile files (.json) written by etl process.")
    List<Path> files = new ArrayList<>();

    @Override
    public void run() {
        List<Profile> profiles = files.stream().map(Profiles::read).toList(); // every file checked before any is explained
        for (int i = 0; i < profiles.size(); i++) {
            Profile p = profiles.get(i);
            Console.line((i > 0 ? "\n" : "") + p.processor().name() + " on " + p.scenario().name() + " (" + files.get(i) + ")");
            Console.line(Bottleneck.of(p).text().stripTrailing());
        }
    }
}

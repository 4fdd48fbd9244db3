package org.etlworkshop.cli;

import org.etlworkshop.UsageException;
import org.etlworkshop.pipeline.ProcessorCatalog;
import org.etlworkshop.report.Charts;
import org.etlworkshop.report.ComparisonTable;
import org.etlworkshop.report.Profile;
import org.etlworkshop.report.Profiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Put profiles side by side: a table with ratios to the first, and a chart of heap over time (PNG and SVG).",
                "Example: etl compare --latest medium"})
final class CompareCommand implements Runnable {
    @Parameters(paramLabel = "PROFILE", arity = "0..*", description = "Profile files (.json) written by etl process.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--latest", paramLabel = "SCENARIO", description = "Compare the newest profile of each processor run on SCENARIO.")
    String latest;

    @Option(names = "--out", paramLabel = "BASE", description = "Chart file name without extension (default: profiles/compare-<scenario>).")
    Path out;

    @Mixin
    ProfilesOptions profilesDir;

    @Override
    public void run() {
        List<Path> chosen = new ArrayList<>(files);
        if (latest != null) {
            chosen.addAll(Profiles.latest(profilesDir.directory(), latest));
            if (chosen.isEmpty()) {
                throw new UsageException("no profiles of scenario '" + latest + "' in " + profilesDir.directory()
                        + ": run  etl process " + latest + " <processor>  first");
            }
        }
        if (chosen.isEmpty()) {
            throw new UsageException("give profile files, or --latest SCENARIO");
        }
        List<String> catalogOrder = ProcessorCatalog.shipped().names();
        List<Profile> profiles = chosen.stream().map(Profiles::read).toList();
        if (latest != null) { // the catalog's order, which goes from naive to fast
            profiles = profiles.stream().sorted(Comparator.comparingInt(p -> {
                int index = catalogOrder.indexOf(p.processor().name());
                return index < 0 ? Integer.MAX_VALUE : index;
            })).toList();
        }
        Console.line(new ComparisonTable(profiles).toText());
        Path base = out != null ? out : profilesDir.directory().resolve("compare-" + profiles.get(0).scenario().name());
        List<Path> written = Charts.save(Charts.memoryOverTime(profiles), base);
        Console.line("Heap over time: " + written.get(0) + " and " + written.get(1));
    }
}

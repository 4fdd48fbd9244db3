package org.etlworkshop.cli;

import org.etlworkshop.pipeline.LoaderRegistry;
import org.etlworkshop.pipeline.ProcessorCatalog;
import org.etlworkshop.pipeline.ProcessorConfig;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.scenario.ScenarioCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the scenarios with their sizes, and the processors.")
final class ListCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Mixin
    ProcessorOptions processors;

    @Override
    public void run() {
        ProcessorCatalog processorCatalog = processors.catalog(); // a broken catalog fails before anything is printed
        ScenarioCatalog scenarios = catalog.scenarios();
        Console.line("Scenarios (" + scenarios.directory() + "):");
        Console.line(String.format("  %-18s %6s %7s %12s %12s  %s", "name", "forms", "users", "submissions", "~events", "description"));
        Map<String, String> problems = scenarios.problems(); // one bad file must not hide the others
        for (String name : scenarios.names()) {
            if (problems.containsKey(name)) {
                continue;
            }
            Scenario s = scenarios.load(name);
            Console.line(String.format("  %-18s %6d %7d %12d %12s  %s", s.name(), s.formCount(), s.users(), s.submissions(),
                    String.format("%,d", s.estimatedEvents()), s.description()));
        }
        if (!problems.isEmpty()) {
            Console.line("  Not usable until fixed:");
            problems.values().forEach(problem -> Console.line("    " + problem));
        }
        Console.line("");
        Console.line("Processors:");
        for (String name : processorCatalog.names()) {
            ProcessorConfig p = processorCatalog.get(name);
            Console.line(String.format("  %-18s %s", name, p.description()));
            Console.line(String.format("  %-18s %s", "", p.settings()));
        }
        Console.line("");
        Console.line("Loaders (the \"loader\" of a processor; judged against the ceiling of etl limit named here):");
        for (String name : LoaderRegistry.names()) {
            LoaderRegistry.Entry loader = LoaderRegistry.named(name);
            Console.line(String.format("  %-26s %-28s %s", name, loader.ceiling().ceilingName(), loader.lesson()));
        }
    }
}

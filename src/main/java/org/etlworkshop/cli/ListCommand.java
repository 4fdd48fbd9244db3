package org.etlworkshop.cli;

import org.etlworkshop.pipeline.ProcessorCatalog;
import org.etlworkshop.pipeline.ProcessorConfig;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.scenario.ScenarioCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the scenarios with their sizes, and the processors.")
final class ListCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Mixin
    ProcessorOptions processors;

    @Override
    public void run() {
        ScenarioCatalog scenarios = catalog.scenarios();
        Console.line("Scenarios (" + scenarios.directory() + "):");
        Console.line(String.format("  %-18s %6s %7s %12s %12s  %s", "name", "forms", "users", "submissions", "~events", "description"));
        for (String name : scenarios.names()) {
            Scenario s = scenarios.load(name);
            Console.line(String.format("  %-18s %6d %7d %12d %12s  %s", s.name(), s.formCount(), s.users(), s.submissions(),
                    String.format("%,d", s.estimatedEvents()), s.description()));
        }
        ProcessorCatalog catalog = processors.catalog();
        Console.line("");
        Console.line("Processors:");
        for (String name : catalog.names()) {
            ProcessorConfig p = catalog.get(name);
            Console.line(String.format("  %-18s %s", name, p.description()));
            Console.line(String.format("  %-18s %s", "", p.settings()));
        }
    }
}

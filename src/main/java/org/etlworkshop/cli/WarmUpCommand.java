package org.etlworkshop.cli;

import org.etlworkshop.model.Orm;
import org.etlworkshop.scenario.ScenarioCatalog;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * What the launcher runs once after each build, with {@code -XX:ArchiveClassesAtExit}, to write the
 * build's class-data-sharing archive: every class loaded here is then mapped from the archive by each
 * later command instead of being read, verified and parsed again. It touches what most commands load
 * on their way to work (every command's options, the catalogs, Hibernate's bootstrap, the JDBC
 * driver) and needs no server: Hibernate is bootstrapped with the dialect named.
 */
@Command(name = "warm-up", hidden = true, mixinStandardHelpOptions = true,
        description = "Load the classes most commands need, without a server (the build's class-data-sharing training).")
final class WarmUpCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Mixin
    ProcessorOptions processors;

    @Override
    public void run() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        for (CommandLine command : EtlCommand.commandLine().getSubcommands().values()) {
            command.usage(nowhere);
        }
        processors.catalog();
        ScenarioCatalog scenarios = catalog.scenarios();
        scenarios.names().stream().filter(name -> !scenarios.problems().containsKey(name)).forEach(scenarios::load);
        PGSimpleDataSource neverConnected = new PGSimpleDataSource();
        neverConnected.setURL("jdbc:postgresql://127.0.0.1:1/etl");
        Orm.bootstrapWithoutDatabase(neverConnected);
        Console.line("warmed up");
    }
}

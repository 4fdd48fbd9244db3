package org.etlworkshop.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** What matrix and sweep pass to each fresh-JVM run, and how long one run may take. */
public final class FreshRunOptions {
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Give up on one run after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Mixin
    ServerOptions server;

    @Mixin
    CatalogOptions catalog;

    @Mixin
    ProcessorOptions processors;

    @Mixin
    ProfilesOptions profiles;

    FreshRuns runs(Path directory) {
        return new FreshRuns(server, catalog, processors, directory.resolve("runs"), Duration.ofSeconds(timeoutSeconds));
    }
}

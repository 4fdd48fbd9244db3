package org.etlworkshop.cli;

import org.etlworkshop.UsageException;
import org.etlworkshop.report.FreshRuns;
import org.etlworkshop.report.Profiles;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** What matrix and sweep pass to each fresh-JVM run, and how long one run may take. */
public final class FreshRunOptions {
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Give up on one run after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--retry-disturbed", paramLabel = "N", defaultValue = "0",
            description = "Run a run again, up to N times, when other processes used a significant share of the machine "
                    + "during it (default: ${DEFAULT-VALUE}: keep it, marked as disturbed).")
    int retryDisturbed;

    @Mixin
    ServerOptions server;

    @Mixin
    CatalogOptions catalog;

    @Mixin
    ProcessorOptions processors;

    @Mixin
    RunModeOptions runMode;

    @Mixin
    ProfilesOptions profiles;

    /** Child runs that write into {@code <directory>/runs}, saying a line per run on the console. */
    FreshRuns runs(Path directory) {
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout must be at least 1 second (got " + timeoutSeconds + ")");
        }
        runMode.validate();
        if (runMode.resume || runMode.failAfter > 0) {
            throw new UsageException("--resume and --fail-after are for one etl process run, not for matrix or sweep");
        }
        if (retryDisturbed < 0) {
            throw new UsageException("--retry-disturbed must be 0 or more (got " + retryDisturbed + ")");
        }
        Profiles.checkWritableDirectory(directory, "the report directory");
        // --distributed says where the data lives: every child gets it, etl limit's ceilings as well as etl process's runs
        List<String> where = Stream.concat(server.asArguments().stream(), runMode.distributed ? Stream.of("--distributed")
                : Stream.<String>empty()).toList();
        FreshRuns.ChildArguments arguments = new FreshRuns.ChildArguments(where,
                List.of("--scenarios", catalog.scenariosDir.toString()), Stream.concat(processors.asArguments().stream(), runMode.asArguments().stream()).toList(), server.childEnvironment());
        return new FreshRuns(arguments, directory.resolve("runs"), Duration.ofSeconds(timeoutSeconds), retryDisturbed,
                Console::status);
    }
}

package org.etlworkshop.cli;

import org.etlworkshop.pipeline.Publish;
import org.etlworkshop.pipeline.RunOptions;
import org.etlworkshop.pipeline.WorkerDesign;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** How a run publishes and in how many pieces: etl process's options, passed on to matrix and sweep's runs. */
public final class RunModeOptions {
    @Option(names = "--publish", paramLabel = "MODE", description = "replace (default: a fresh copy of the template, "
            + "loaded in place), staged (load a stage table in the warehouse that lives between runs, build its indexes, "
            + "swap it in) or incremental (only what changed since the last successful run, merged in).")
    String publish;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Load the source in chunks of about N submissions, "
            + "each committed to the stage with a checkpoint, so a killed run can --resume (implies --publish staged).")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue this processor's last unfinished checkpointed run from its checkpoints.")
    boolean resume;

    @Option(names = "--fail-after", paramLabel = "N", description = "Inject a failure once N events reached the loader "
            + "(for tests and teaching: see what a failed run keeps).")
    long failAfter;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "Loading threads, each on its own connection "
            + "(implies --publish staged; published once, all or nothing; see --workers-design). "
            + "Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--workers-design", paramLabel = "DESIGN", description = "How several "
            + "workers share the work: partitions (each worker extracts, transforms and loads its own chunks of the "
            + "source: several readers) or queue (one producer extracts and transforms, the workers load what it hands "
            + "them through bounded queues). Default: the processor's (etl list), else queue.")
    String design;

    @Option(names = "--overlap", negatable = true, description = "Read and transform on one thread, load on another, "
            + "through a small bounded hand-off (--no-overlap: one thread does all three in turn). Default: the "
            + "processor's (etl list).")
    Boolean overlap;
    @Option(names = "--distributed", description = "On a Citus coordinator (--url): spread the warehouse over its worker "
            + "nodes by submission_id (the source's submissions colocated with it, forms and users copied to every node) and "
            + "load it there; each run reports what went to which node.")
    boolean distributed;

    /** These options, for the command to add its own before building (and so validating) them. */
    RunOptions.Builder options() {
        return RunOptions.builder().publish(publish == null ? null : Publish.named(publish)).checkpointEvery(checkpointEvery)
                .resume(resume).failAfter(failAfter).workers(workers)
                .workerDesign(design == null ? null : WorkerDesign.named(design)).overlap(overlap).distributed(distributed);
    }

    /** Refuses a bad value or combination, naming the options, before anything starts. */
    void validate() {
        options().build();
    }

    /** For each run of matrix and sweep: how it publishes; never --resume or --fail-after, which belong to one run. */
    List<String> asArguments() {
        List<String> args = new ArrayList<>();
        if (publish != null) {
            args.addAll(List.of("--publish", publish));
        }
        if (checkpointEvery > 0) {
            args.addAll(List.of("--checkpoint-every", Integer.toString(checkpointEvery)));
        }
        if (workers > 1) {
            args.addAll(List.of("--workers", Integer.toString(workers)));
            if (design != null) {
                args.addAll(List.of("--workers-design", design));
            }
        }
        if (overlap != null) {
            args.add(overlap ? "--overlap" : "--no-overlap");
        }
        return args; // --distributed goes with the server's options (FreshRunOptions): etl limit takes it too
    }
}

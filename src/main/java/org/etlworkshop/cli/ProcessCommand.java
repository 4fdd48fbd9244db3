package org.etlworkshop.cli;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.CitusFigures;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.pipeline.ProcessorCatalog;
import org.etlworkshop.pipeline.ProcessorConfig;
import org.etlworkshop.pipeline.Publish;
import org.etlworkshop.pipeline.RunOptions;
import org.etlworkshop.pipeline.RunResult;
import org.etlworkshop.pipeline.WorkerDesign;
import org.etlworkshop.db.ServerFacts;
import org.etlworkshop.measure.HibernateCounts;
import org.etlworkshop.measure.MemoryFigures;
import org.etlworkshop.report.ProfiledRun;
import org.etlworkshop.report.Units;
import org.etlworkshop.measure.FlameGraph;
import org.etlworkshop.measure.CommandClock;
import org.etlworkshop.measure.JfrRecording;
import org.etlworkshop.measure.RunRecording;
import org.etlworkshop.measure.StageMeter;
import java.util.ArrayList;
import java.util.List;
import org.etlworkshop.report.Profile;
import org.etlworkshop.report.Profiles;
import org.etlworkshop.measure.SqlStatistics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.etlworkshop.scenario.Scenario;
import org.etlworkshop.transform.Rejection;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "process", mixinStandardHelpOptions = true,
        description = {"Extract every submission of a fresh copy of SCENARIO, transform it into response events and "
                + "load them with PROCESSOR, then print what it cost.",
                "The scenario is generated first if needed (not timed). See etl list for the processors."})
final class ProcessCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario name, e.g. medium (see etl list).")
    String scenarioName;

    @Parameters(index = "1", paramLabel = "PROCESSOR", description = "Processor name, e.g. chunked-stateless (see etl list).")
    String processorName;

    @Option(names = "--debug-sql", description = "Log every SQL statement (slow: for small scenarios).")
    boolean debugSql;

    @Option(names = "--retained-heap",
            description = "Measure the live heap after a full GC when the last event reaches the loader (adds GC time).")
    boolean retainedHeap;

    @Option(names = "--debug-mem",
            description = "Print memory by pipeline stage (allocated in extract, transform, load; live heap at the last event).")
    boolean debugMem;

    @Option(names = "--bare",
            description = "Run without the statement counter, Hibernate statistics and memory recorder: only time and "
                    + "rows/s, to measure what the measurement itself costs.")
    boolean bare;

    @Option(names = "--jfr", description = "Record a JDK Flight Recorder file of the run next to its profile.")
    boolean jfr;

    @Option(names = "--flame", paramLabel = "cpu|alloc",
            description = "Write a flame graph (HTML) of the run next to its profile, with async-profiler.")
    FlameGraph.Kind flame;

    @Option(names = "--profile-out", paramLabel = "FILE",
            description = "Where to write the run's profile (default: profiles/<scenario>_<processor>_<time>.json).")
    Path profileOut;

    @Mixin
    RunModeOptions runMode;

    @Mixin
    ProcessorOptions processors;

    @Mixin
    ServerOptions server;

    @Mixin
    ProfilesOptions profilesDir;

    @Mixin
    CatalogOptions catalog;

    @Override
    public void run() {
        // Validate everything before starting anything.
        ProcessorCatalog processorCatalog = processors.catalog();
        ProcessorConfig config = processors.resolve(processorCatalog, processorName);
        Scenario scenario = catalog.scenarios().load(scenarioName);
        RunOptions options = runMode.options().logSql(debugSql).bare(bare).measureRetainedHeap(retainedHeap)
                .measureStages(debugMem).build();
        Profiles.checkWritable(profileOut != null ? profileOut
                : Profiles.defaultPath(profilesDir.directory(), scenario.name(), config.name(), Instant.now()));
        if (debugSql) {
            ((Logger) LoggerFactory.getLogger("etl.sql")).setLevel(Level.INFO);
        }
        long serverStart = System.nanoTime();
        try (PostgresServer postgres = server.start("etl process " + scenarioName + " " + processorName)) {
            Duration serverStarted = Duration.ofNanos(System.nanoTime() - serverStart);
            ServerFacts facts = ServerLine.print(postgres);
            long scenarioCheck = System.nanoTime();
            Scenarios.ensureGenerated(postgres, scenario);
            ProfiledRun.CommandStart command = new ProfiledRun.CommandStart(CommandClock.untilMain(), serverStarted,
                    Duration.ofNanos(System.nanoTime() - scenarioCheck));
            ProfiledRun run;
            try (Console.ProgressHandle progress = Console.progress("Processing", -1, "events")) {
                ProcessRun processRun = ProcessRun.on(postgres, scenario.name(), options).progress(progress)
                        .onPrepared(ready -> Console.status("Prepared " + ready.database() + " from "
                                + Databases.templateName(scenario.name()) + " in " + Units.seconds(ready.preparation())
                                + " (not timed)"));
                run = ProfiledRun.execute(processRun, config, scenario, facts, this::recordings, command);
            }
            RunResult result = run.result();
            Interrupts.loadCommitted(String.format("the load was committed before: %,d events are in "
                    + "dwh.response_events of %s (its profile may be missing)", result.eventsWritten(),
                    Databases.runName(scenario.name())));
            Profile profile = run.profile();
            Path file = profileOut != null ? profileOut
                    : Profiles.defaultPath(profilesDir.directory(), scenario.name(), config.name(),
                    Instant.parse(profile.startedAt()));
            printSummary(result);
            printStartup(profile.startup());
            if (bare) {
                Console.line("  (bare run: no statement counts, Hibernate statistics or memory figures were recorded)");
            } else {
                printMemory(profile.memory());
            }
            result.stages().ifPresent(stages -> printStages(stages, result));
            try {
                Profiles.write(profile, file);
            } catch (EtlException e) {
                throw new EtlException(String.format("the data is loaded (%,d events in dwh.response_events), but %s",
                        result.eventsWritten(), e.getMessage()), e.getCause());
            }
            Console.line("  profile:             " + file);
            String base = file.toString().replaceFirst("\\.json$", "");
            for (RunRecording recording : run.recordings()) {
                Path out = Path.of(base + (recording instanceof JfrRecording ? ".jfr" : "-flame-" + flame.name().toLowerCase() + ".html"));
                Console.line("  " + recording.stopAndWrite(out));
            }
        }
    }

    private List<RunRecording> recordings() {
        List<RunRecording> recordings = new ArrayList<>();
        if (jfr) {
            recordings.add(JfrRecording.start());
        }
        if (flame != null) {
            FlameGraph.start(flame, Console::warn).ifPresent(recordings::add);
        }
        return recordings;
    }

    /** The command's fixed costs before its measured run: what a small run mostly pays. */
    private static void printStartup(Profile.Startup s) {
        Console.line(String.format("  %-20s %.2f s before the run: launch to main %s, server %.2f s, scenario check %.2f s, "
                + "template copy %.2f s, Hibernate %.2f s, settle %.2f s", "start-up", s.total(),
                s.jvm() < 0 ? "unknown" : String.format("%.2f s", s.jvm()), s.server(), s.scenario(), s.templateCopy(),
                s.hibernate(), s.settle()));
    }

    private static void printStages(StageMeter.Stages s, RunResult r) {
        long submissions = Math.max(1, r.submissionsRead()), events = Math.max(1, r.eventsProduced());
        Console.line("  memory by stage (allocated on the pipeline thread; time in the stage):");
        Console.line(String.format("    extract    %12s  %,8d B per submission  %8.2f s", Units.mib(s.extractBytes()),
                s.extractBytes() / submissions, s.extractNanos() / 1e9));
        Console.line(String.format("    transform  %12s  %,8d B per event       %8.2f s", Units.mib(s.transformBytes()),
                s.transformBytes() / events, s.transformNanos() / 1e9));
        Console.line(String.format("    load       %12s  %,8d B per event       %8.2f s", Units.mib(s.loadBytes()),
                s.loadBytes() / events, s.loadNanos() / 1e9));
        r.retainedHeapAtEnd().ifPresent(bytes -> Console.line(String.format(
                "    live heap when the last event reached the loader (after a full GC): %s", Units.mib(bytes))));
    }

    private static void printMemory(MemoryFigures m) {
        Console.line(String.format("  %-20s peak heap %s, peak live heap after GC %s, peak RSS %s, allocated %s, %d GCs (%d ms paused)",
                "memory", Units.mib(m.peakHeapBytes()), Units.mib(m.peakLiveHeapBytes()), Units.mib(m.peakRssBytes()),
                Units.mib(m.allocatedBytes()), m.gcCount(), m.gcPauseMillis()));
    }

    private static void printPublication(RunResult.Publication p) {
        Console.line(String.format("  %-20s %s, run %d in dwh.etl_runs%s", "published", p.mode().label(), p.runId(),
                p.changedAfter().map(w -> " (what changed after " + w + ")").orElse(p.mode() == Publish.INCREMENTAL
                        ? " (nothing to start from: no earlier successful run, so everything was read and swapped in, as staged does)" : "")));
        if (p.chunks() > 1) {
            Console.line(String.format("  %-20s %d, %d of them checkpointed by an earlier attempt", "chunks", p.chunks(), p.chunksResumed()));
        }
        p.swap().ifPresent(swap -> Console.line(String.format("  %-20s %,d events swapped in; indexes, ANALYZE and swap took %s, "
                + "the swap held its locks %d ms (%d %s%s)", "swap", p.published(), Units.seconds(Duration.ofMillis(p.publishMillis())),
                swap.lockHeldMillis(), swap.attempts(), swap.attempts() == 1 ? "try" : "tries",
                swap.autovacuumsCancelled() == 0 ? "" : ", " + swap.autovacuumsCancelled() + " autovacuum cancelled")));
        if (p.swap().isEmpty()) {
            Console.line(String.format("  %-20s %,d events inserted for the changed submissions (delete-and-insert: %s)", "merge",
                    p.published(), Units.seconds(Duration.ofMillis(p.publishMillis()))));
        }
        if (p.eventsPerWorker().size() > 1) {
            Console.line(String.format("  %-20s %s (%s)", "events per worker", p.eventsPerWorker(),
                    p.workerDesign().map(WorkerDesign::cliName).orElse("")));
        }
        p.queue().ifPresent(q -> Console.line(String.format("  %-20s %d batches of %d events; the producer waited %s for room, "
                + "the workers %s for events (summed)", "queue", q.capacityBatches(), q.batchEvents(),
                Units.seconds(Duration.ofMillis(q.producerWaitMillis())), Units.seconds(Duration.ofMillis(q.workersWaitMillis())))));
    }

    /** Overlapped reading and loading: who waited for whom says which side is the bottleneck. */
    private static void printOverlap(RunResult.QueueFill q) {
        long readers = q.producerWaitMillis(), loaders = q.workersWaitMillis();
        Console.line(String.format("  %-20s reading and loading on two threads, up to %d batches of %d events between them; "
                + "reading waited %s for room, loading %s for events: %s", "overlap", q.capacityBatches(), q.batchEvents(),
                Units.seconds(Duration.ofMillis(readers)), Units.seconds(Duration.ofMillis(loaders)),
                readers > loaders ? "loading is the bottleneck" : loaders > readers ? "reading is the bottleneck"
                        : "neither waited for the other"));
    }

    /** What went to which Citus node, and what reaching them cost the coordinator. */
    private static void printDistribution(RunResult.Distribution d) {
        for (CitusFigures.NodeShare node : d.eventsPerNode()) {
            Console.line(String.format("  %-20s %,d events in %d shards", "node " + node.node(), node.rows(), node.shards()));
        }
        d.traffic().ifPresent(t -> Console.line(String.format("  %-20s %,d statements on one shard, %,d fanned out over shards; "
                + "%,d connections opened, %,d reused", "coordinator→workers", t.singleShardStatements(), t.multiShardStatements(),
                t.connectionsOpened(), t.connectionsReused())));
    }

    private static void printSummary(RunResult r) {
        SqlStatistics.Counts sql = r.sql();
        HibernateCounts orm = r.hibernate();
        Console.line("");
        Console.line(r.scenario() + " with " + r.processor().name() + "  (" + r.processor().settings() + ")");
        Console.line(String.format("  %-20s %,d", "events written", r.eventsWritten()));
        Console.line(String.format("  %-20s %,d%s", "submissions read", r.submissionsRead(), r.rejectedSubmissions().isEmpty() ? ""
                : String.format(" (%,d rejected, listed in dwh.rejected_submissions)", r.rejectedSubmissions().size())));
        if (!r.rejectedAnswers().isEmpty()) {
            Console.line(String.format("  %-20s %,d (not of their question's type, listed in dwh.rejected_answers)",
                    "answers rejected", r.rejectedAnswers().size()));
        }
        r.publication().ifPresent(ProcessCommand::printPublication);
        r.overlap().ifPresent(ProcessCommand::printOverlap);
        r.distribution().ifPresent(ProcessCommand::printDistribution);
        Console.line(String.format("  %-20s %s", "elapsed", Units.seconds(r.elapsed())));
        Console.line(String.format("  %-20s %,.0f rows/s", "rate", r.rowsPerSecond()));
        r.interference().filter(i -> i.workersCpuSeconds() >= 0).ifPresent(i -> Console.line(String.format(
                "  %-20s this JVM %.1f s, the coordinator %.1f s, the workers %.1f s", "CPU", i.ownCpuSeconds(),
                i.serverCpuSeconds(), i.workersCpuSeconds())));
        r.interference().ifPresent(i -> Console.line(String.format("  %-20s %s%s", "machine", i.summary(), i.disturbed()
                ? "\n  warning:             outside load was significant: these figures are slower than this machine can do; "
                + "run again when it is quiet" : "")));
        Console.line(String.format("  %-20s %,d queries, %,d sequence calls, %,d single INSERTs, %s, %,d COPY",
                "SQL statements", sql.queries(), sql.sequenceCalls(), sql.inserts(), sql.batches() == 0 ? "no batches"
                        : String.format("%,d batches (%,.0f rows each)", sql.batches(), sql.rowsPerBatch()), sql.copies()));
        Console.line(String.format("  %-20s %,d entity loads, %,d lazy fetches, %,d entity inserts, %,d flushes, %,d transactions",
                "Hibernate", orm.entityLoads(), orm.lazyFetches(), orm.entityInserts(), orm.flushes(), orm.transactions()));
        if (r.stages().isEmpty()) {
            r.retainedHeapAtEnd().ifPresent(bytes -> Console.line(String.format("  %-20s %,.1f MiB (live, after a full GC)",
                    "heap at last event", bytes / 1048576.0)));
        }
        for (Rejection rejection : r.rejections().subList(0, Math.min(3, r.rejections().size()))) {
            Console.line("  rejected " + rejection.submissionId()
                    + (rejection.isWholeSubmission() ? "" : " " + rejection.schemaPath() + " = " + Console.quoted(rejection.value()))
                    + ": " + rejection.reason());
        }
        if (r.rejections().size() > 3) {
            Console.line("  ... and " + (r.rejections().size() - 3) + " more");
        }
        Console.line("  inspect:             ./etl psql " + r.scenario() + " -c 'select count(*) from dwh.response_events'");
    }
}

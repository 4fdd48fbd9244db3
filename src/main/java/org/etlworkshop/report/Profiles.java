package org.etlworkshop.report;

import org.etlworkshop.db.CitusFigures;
import org.etlworkshop.IoErrors;
import org.etlworkshop.Json;
import org.etlworkshop.measure.MemoryFigures;
import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.ServerFacts;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.pipeline.RunResult;
import org.etlworkshop.pipeline.StageTables;
import org.etlworkshop.pipeline.WorkerDesign;
import org.etlworkshop.scenario.Scenario;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builds, writes and reads profiles. */
public final class Profiles {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Profiles() {
    }

    public static Profile of(Instant startedAt, Scenario scenario, RunResult run, ProcessRun.Prepared prepared,
                             ServerFacts server, boolean embedded, MemoryFigures memory, Profile.Startup startup) {
        Duration preparation = prepared.preparation();
        Runtime runtime = Runtime.getRuntime();
        Profile.Environment environment = new Profile.Environment(System.getProperty("java.version"),
                System.getProperty("java.vm.name"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                runtime.maxMemory(), runtime.availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                server.version(), embedded ? "embedded" : "external", server.durable(),
                server.settings());
        return new Profile(Profile.FORMAT, Profile.VERSION, startedAt.toString(),
                new Profile.Scenario(scenario.name(), scenario.formCount(), scenario.users(), scenario.submissions(),
                        scenario.estimatedEvents()),
                Profile.Processor.of(run.processor()), environment,
                new Profile.Phases(preparation.toNanos() / 1e9, run.elapsed().toNanos() / 1e9),
                new Profile.Events(run.eventsWritten(), run.eventsProduced(), run.submissionsRead(), run.rejectedSubmissions().size(),
                        run.rejectedAnswers().size()),
                run.rowsPerSecond(),
                run.sql(), run.hibernate(),
                memory.withRetainedHeapAtEnd(run.retainedHeapAtEnd().orElse(-1)),
                run.stages().map(s -> new Profile.Stages(s.extractBytes(), s.transformBytes(), s.loadBytes(),
                        s.extractNanos() / 1e9, s.transformNanos() / 1e9, s.loadNanos() / 1e9,
                        run.retainedHeapAtEnd().orElse(-1))).orElse(null),
                run.interference().orElse(null),
                new Profile.Settling(prepared.settled().took().toNanos() / 1e9, prepared.settled().checkpointed(),
                        prepared.settled().autovacuumIdle()),
                run.publication().map(p -> new Profile.Publication(p.mode().label(), p.runId(), p.chunks(), p.chunksResumed(),
                        p.published(), p.swap().map(StageTables.Swap::lockHeldMillis).orElse(-1L),
                        p.swap().map(StageTables.Swap::attempts).orElse(0),
                        p.swap().map(StageTables.Swap::autovacuumsCancelled).orElse(0), p.publishMillis(), p.eventsPerWorker(),
                        p.workerDesign().map(WorkerDesign::cliName).orElse(null),
                        p.queue().map(Profiles::queue).orElse(null),
                        p.changedAfter().map(Object::toString).orElse(null))).orElse(null),
                run.overlap().map(Profiles::queue).orElse(null), startup,
                run.distribution().map(d -> new Profile.Distribution(d.eventsPerNode(),
                        d.traffic().map(CitusFigures.Traffic::connectionsOpened).orElse(-1L),
                        d.traffic().map(CitusFigures.Traffic::connectionsReused).orElse(-1L),
                        d.traffic().map(CitusFigures.Traffic::singleShardStatements).orElse(-1L),
                        d.traffic().map(CitusFigures.Traffic::multiShardStatements).orElse(-1L))).orElse(null));
    }

    private static Profile.Queue queue(RunResult.QueueFill q) {
        return new Profile.Queue(q.capacityBatches(), q.batchEvents(), q.samples(), q.producerWaitMillis(), q.workersWaitMillis());
    }

    /** {@code <dir>/<scenario>_<processor>_<utc time>.json} */
    public static Path defaultPath(Path directory, String scenario, String processor, Instant startedAt) {
        return directory.resolve(scenario + "_" + processor + "_" + FILE_TIME.format(startedAt) + ".json");
    }

    /**
     * Refuses, before any work, a profile destination that cannot be written: a directory, or a
     * folder that cannot be created or written. Checked up front so a run never loads its data
     * and then fails on the profile.
     */
    public static void checkWritable(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new UsageException("the profile " + file + " is a directory; give a file name");
        }
        if (absolute.getParent() != null) {
            checkWritableDirectory(absolute.getParent(), "the folder for the profile " + file);
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            throw new UsageException("cannot write the profile " + file + ": the file is not writable");
        }
    }

    /** Creates {@code directory} if needed, or refuses it (a usage error) with the reason it cannot hold files. */
    public static void checkWritableDirectory(Path directory, String what) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UsageException("cannot use " + what + " (" + directory + "): it is a file, not a directory");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UsageException("cannot create " + what + " (" + directory + "): " + IoErrors.describe(e));
        }
        if (!Files.isWritable(directory)) {
            throw new UsageException("cannot write into " + what + " (" + directory + "): permission denied");
        }
    }

    public static void write(Profile profile, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Json.MAPPER.writeValue(file.toFile(), profile);
        } catch (IOException e) {
            throw new EtlException("cannot write the profile " + file + ": " + IoErrors.describe(e), e);
        }
    }

    public static Profile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no profile at " + file);
        }
        try {
            Profile profile = Json.MAPPER.readValue(file.toFile(), Profile.class);
            if (!Profile.FORMAT.equals(profile.format())) {
                throw new UsageException(file + " is not an etl-workshop profile");
            }
            if (profile.version() > Profile.VERSION) {
                throw new UsageException(file + " has profile format version " + profile.version()
                        + "; this etl reads up to " + Profile.VERSION);
            }
            return profile;
        } catch (IOException e) {
            throw new UsageException(file + " is not a readable profile: " + IoErrors.describe(e));
        }
    }

    /** The newest profile of each processor run on the scenario, oldest processor first. */
    public static List<Path> latest(Path directory, String scenario) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            Map<String, Path> newestByProcessor = new LinkedHashMap<>();
            files.filter(p -> p.getFileName().toString().startsWith(scenario + "_") && p.toString().endsWith(".json"))
                    .sorted(Comparator.comparing(Path::getFileName))
                    .forEach(p -> {
                        String name = p.getFileName().toString();
                        String processor = name.substring(scenario.length() + 1, name.lastIndexOf('_'));
                        newestByProcessor.remove(processor);
                        newestByProcessor.put(processor, p);
                    });
            return List.copyOf(newestByProcessor.values());
        } catch (IOException e) {
            throw new EtlException("cannot list " + directory + ": " + IoErrors.describe(e), e);
        }
    }
}

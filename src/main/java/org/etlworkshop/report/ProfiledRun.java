package org.etlworkshop.report;

import org.etlworkshop.db.ServerFacts;
import org.etlworkshop.measure.CommandClock;
import org.etlworkshop.measure.MemoryFigures;
import org.etlworkshop.measure.MemoryRecorder;
import org.etlworkshop.measure.RunRecording;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.pipeline.ProcessorConfig;
import org.etlworkshop.pipeline.RunResult;
import org.etlworkshop.scenario.Scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** A processing run with its profile: memory is recorded from the moment the run database is ready. */
public record ProfiledRun(RunResult result, Profile profile, String database, List<RunRecording> recordings) {

    /**
     * What the command did before it asked for the run: how long its process took to reach {@code main}
     * (empty when unknown), to start the server, and to check (or generate) the scenario.
     */
    public record CommandStart(Optional<Duration> untilMain, Duration server, Duration scenario) {
        public static final CommandStart UNKNOWN = new CommandStart(Optional.empty(), Duration.ZERO, Duration.ZERO);
    }

    public static ProfiledRun execute(ProcessRun run, ProcessorConfig config, Scenario scenario, ServerFacts facts,
                                      Supplier<List<RunRecording>> recordings) {
        return execute(run, config, scenario, facts, recordings, CommandStart.UNKNOWN);
    }

    /**
     * @param recordings started once the run database is ready, so they cover only the measured run;
     *                   stopped by the caller
     */
    public static ProfiledRun execute(ProcessRun run, ProcessorConfig config, Scenario scenario, ServerFacts facts,
                                      Supplier<List<RunRecording>> recordings, CommandStart command) {
        Instant startedAt = Instant.now();
        AtomicReference<ProcessRun.Prepared> prepared = new AtomicReference<>();
        AtomicReference<Profile.Startup> startup = new AtomicReference<>();
        AtomicReference<MemoryRecorder> memory = new AtomicReference<>();
        List<RunRecording> started = new ArrayList<>();
        RunResult result = run.onPrepared(ready -> {
            prepared.set(ready);
            startup.set(startup(command, ready));
            started.addAll(recordings.get());
            memory.set(run.options().bare() ? null : MemoryRecorder.start()); // on this thread, which runs the pipeline
        }).execute(config);
        MemoryFigures figures = memory.get() != null ? memory.get().stop() : MemoryFigures.notRecorded();
        Profile profile = Profiles.of(startedAt, scenario, result, prepared.get(), facts,
                run.server().isEmbedded(), figures, startup.get());
        return new ProfiledRun(result, profile, prepared.get().database(), List.copyOf(started));
    }

    /** The command's fixed costs up to the measured run's start, which is now. */
    private static Profile.Startup startup(CommandStart command, ProcessRun.Prepared ready) {
        Duration total = CommandClock.sinceStart()
                .orElse(command.server().plus(command.scenario()).plus(ready.preparation()));
        return new Profile.Startup(command.untilMain().map(ProfiledRun::seconds).orElse(-1.0), seconds(command.server()),
                seconds(command.scenario()), seconds(ready.templateCopy()), seconds(ready.hibernate()),
                seconds(ready.settled().took()), seconds(total));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}

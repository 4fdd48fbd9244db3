package org.etlworkshop.report;

import org.etlworkshop.db.ServerFacts;
import org.etlworkshop.measure.MemoryFigures;
import org.etlworkshop.measure.MemoryRecorder;
import org.etlworkshop.measure.RunRecording;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.pipeline.ProcessorConfig;
import org.etlworkshop.pipeline.RunResult;
import org.etlworkshop.scenario.Scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** A processing run with its profile: memory is recorded from the moment the run database is ready. */
public record ProfiledRun(RunResult result, Profile profile, String database, List<RunRecording> recordings) {

    /**
     * @param recordings started once the run database is ready, so they cover only the measured run;
     *                   stopped by the caller
     */
    public static ProfiledRun execute(ProcessRun run, ProcessorConfig config, Scenario scenario, ServerFacts facts,
                                      Supplier<List<RunRecording>> recordings) {
        Instant startedAt = Instant.now();
        AtomicReference<ProcessRun.Prepared> prepared = new AtomicReference<>();
        AtomicReference<MemoryRecorder> memory = new AtomicReference<>();
        List<RunRecording> started = new ArrayList<>();
        RunResult result = run.onPrepared(ready -> {
            prepared.set(ready);
            started.addAll(recordings.get());
            memory.set(run.options().bare() ? null : MemoryRecorder.start()); // on this thread, which runs the pipeline
        }).execute(config);
        MemoryFigures figures = memory.get() != null ? memory.get().stop() : MemoryFigures.notRecorded();
        Profile profile = Profiles.of(startedAt, scenario, result, prepared.get(), facts,
                run.server().isEmbedded(), figures);
        return new ProfiledRun(result, profile, prepared.get().database(), List.copyOf(started));
    }
}

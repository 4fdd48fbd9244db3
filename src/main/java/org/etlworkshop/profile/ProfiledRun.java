package org.etlworkshop.profile;

import org.etlworkshop.Progress;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.db.ServerFacts;
import org.etlworkshop.pipeline.Pipeline;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.pipeline.RunResult;
import org.etlworkshop.scenario.Scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.Consumer;

/** A processing run with its profile: memory is recorded from the moment the run database is ready. */
public record ProfiledRun(RunResult result, Profile profile, String database, List<RunRecording> recordings) {

    public static ProfiledRun execute(PostgresServer server, ServerFacts facts, Scenario scenario, Pipeline pipeline,
                                      boolean logSql, Consumer<ProcessRun.Prepared> onPrepared, Progress progress) {
        return execute(server, facts, scenario, pipeline, logSql, true, onPrepared, progress, List::of);
    }

    /**
     * @param instrumented false for a bare run: no statement counting, Hibernate statistics or memory recording
     * @param recordings started once the run database is ready, so they cover only the measured run;
     *                   stopped by the caller
     */
    public static ProfiledRun execute(PostgresServer server, ServerFacts facts, Scenario scenario, Pipeline pipeline,
                                      boolean logSql, boolean instrumented, Consumer<ProcessRun.Prepared> onPrepared,
                                      Progress progress, Supplier<List<RunRecording>> recordings) {
        Instant startedAt = Instant.now();
        ProcessRun.Prepared[] prepared = new ProcessRun.Prepared[1];
        MemoryRecorder[] memory = new MemoryRecorder[1];
        List<RunRecording> started = new ArrayList<>();
        RunResult result = ProcessRun.execute(server, scenario.name(), pipeline, logSql, instrumented, ready -> {
            prepared[0] = ready;
            onPrepared.accept(ready);
            started.addAll(recordings.get());
            memory[0] = instrumented ? MemoryRecorder.start() : null; // on this thread, which runs the pipeline
        }, progress);
        Profile profile = Profiles.of(startedAt, scenario, result, prepared[0].preparation(), facts, server.isEmbedded(),
                memory[0] != null ? memory[0].stop() : Profile.Memory.notRecorded());
        return new ProfiledRun(result, profile, prepared[0].database(), List.copyOf(started));
    }
}

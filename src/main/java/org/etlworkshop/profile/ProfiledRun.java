package org.etlworkshop.profile;

import org.etlworkshop.Progress;
import org.etlworkshop.db.PostgresServer;
import org.etlworkshop.db.ServerFacts;
import org.etlworkshop.pipeline.Pipeline;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.pipeline.RunResult;
import org.etlworkshop.scenario.Scenario;

import java.time.Instant;
import java.util.function.Consumer;

/** A processing run with its profile: memory is recorded from the moment the run database is ready. */
public record ProfiledRun(RunResult result, Profile profile, String database) {

    public static ProfiledRun execute(PostgresServer server, ServerFacts facts, Scenario scenario, Pipeline pipeline,
                                      boolean logSql, Consumer<ProcessRun.Prepared> onPrepared, Progress progress) {
        Instant startedAt = Instant.now();
        ProcessRun.Prepared[] prepared = new ProcessRun.Prepared[1];
        MemoryRecorder[] memory = new MemoryRecorder[1];
        RunResult result = ProcessRun.execute(server, scenario.name(), pipeline, logSql, ready -> {
            prepared[0] = ready;
            onPrepared.accept(ready);
            memory[0] = MemoryRecorder.start(); // on this thread, which runs the pipeline
        }, progress);
        Profile profile = Profiles.of(startedAt, scenario, result, prepared[0].preparation(), facts, server.isEmbedded(),
                memory[0].stop());
        return new ProfiledRun(result, profile, prepared[0].database());
    }
}

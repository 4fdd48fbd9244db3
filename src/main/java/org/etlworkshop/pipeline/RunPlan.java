package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.SingleValue;
import org.etlworkshop.load.EventTables;
import org.etlworkshop.model.Timestamptz;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run reads and where it writes.
 *
 * @param stage     its stage tables; null when it loads the live ones
 * @param slices    the source's chunks (one, everything, unless chunked)
 * @param done      chunks an earlier attempt checkpointed ({@code --resume})
 * @param window      an incremental run's changed-after watermark, empty when it has nothing to start from;
 *                    the upper bound is {@code until}
 * @param until       the newest change in the source when the run started: the watermark it leaves
 * @param resumable   every chunk is checkpointed, so a failed run can {@code --resume}
 * @param processedOn stamped on every event and rejection: the run's, kept from its first attempt by a resume
 */
record RunPlan(long runId, Publish mode, StageTables stage, List<SourceSlice> slices, Set<Integer> done,
               Optional<OffsetDateTime> window, OffsetDateTime until, boolean resumable, Instant processedOn) {

    /**
     * Plans a new run, logged as running in {@code dwh.etl_runs} and held by {@code owner}, or with
     * {@code --resume} reopens the processor's last unfinished one: its checkpointed chunks are kept,
     * what its unfinished ones left in the stage is cleared, its {@code processed_on} is kept. A run
     * that loads a stage then clears what killed runs left ({@link StaleRuns}).
     *
     * @param processedOn the stamp of a new run
     */
    static RunPlan make(RunOptions options, Placement placement, String processor, String scenario, DataSource pool, RunOwner owner, Instant processedOn) {
        RunPlan plan = options.resume() ? resumed(options, placement, processor, scenario, pool, owner, processedOn)
                : started(options, placement, processor, pool, owner, processedOn);
        if (plan.mode.publisher().loadsAStage()) {
            StaleRuns.clear(pool, plan.runId);
        }
        return plan;
    }

    private static RunPlan started(RunOptions options, Placement placement, String processor, DataSource pool, RunOwner owner, Instant processedOn) {
        Publish mode = options.publish();
        OffsetDateTime until = newestChange(pool);
        Optional<OffsetDateTime> after = mode.publisher().changedAfter(() -> RunLog.lastWatermark(pool));
        boolean chunked = options.chunked();
        int chunks = options.chunks(() -> submissions(pool, after, until));
        long runId = owner.start(processor, mode, chunked ? chunks : 0, until, processedOn);
        StageTables stage = mode.publisher().loadsAStage() ? new StageTables(runId, placement) : null;
        if (stage != null) {
            stage.create(pool);
        }
        return new RunPlan(runId, mode, stage, chunked ? SourceSlice.chunks(chunks) : List.of(SourceSlice.EVERYTHING), Set.of(),
                after, until, chunked, processedOn);
    }

    private static RunPlan resumed(RunOptions options, Placement placement, String processor, String scenario, DataSource pool, RunOwner owner,
                                   Instant processedOn) {
        RunLog.Unfinished left = RunLog.unfinished(pool, processor).orElseThrow(() -> new UsageException(
                "nothing to resume: " + processor + " has no unfinished checkpointed run in " + Databases.runName(scenario)));
        if (options.publishGiven() && options.publish() != left.mode()) {
            throw new UsageException("--resume continues run " + left.id() + ", which publishes " + left.mode().label()
                    + ", but --publish " + options.publish().label() + " was given: leave --publish out, or give --publish "
                    + left.mode().label());
        }
        if (!owner.claim(left.id())) {
            throw new EtlException("cannot resume run " + left.id() + " of " + processor + ": the process that runs it is "
                    + "still alive (it holds the run); let it finish or stop it first");
        }
        RunLog.reopen(pool, left.id());
        StageTables stage = new StageTables(left.id(), placement);
        stage.create(pool);
        Set<Integer> done = RunLog.checkpoints(pool, left.id());
        List<SourceSlice> slices = SourceSlice.chunks(left.chunks());
        List<SourceSlice> redo = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            if (!done.contains(i)) {
                redo.add(slices.get(i));
            }
        }
        stage.forget(pool, redo); // what its last attempt left uncheckpointed
        return new RunPlan(left.id(), left.mode(), stage, slices, done,
                left.mode().publisher().changedAfter(left::changedAfter), left.changedUntil(), true,
                left.processedOn().orElse(processedOn)); // a run logged before processed_on was kept: the resume's own
    }

    /** The newest {@code updated_at} of the source: the watermark this run will leave. */
    private static OffsetDateTime newestChange(DataSource pool) {
        try {
            return SingleValue.of(pool, "SELECT coalesce(max(updated_at), '-infinity') FROM app.submissions", OffsetDateTime.class);
        } catch (SQLException e) {
            throw new EtlException("cannot read the source: " + e.getMessage(), e);
        }
    }

    private static long submissions(DataSource pool, Optional<OffsetDateTime> after, OffsetDateTime until) {
        try {
            return SingleValue.longOf(pool, "SELECT count(*) FROM app.submissions WHERE " + changedCondition(after, until));
        } catch (SQLException e) {
            throw new EtlException("cannot read the source: " + e.getMessage(), e);
        }
    }

    EventTables tables() {
        return stage == null ? EventTables.LIVE : stage.tables();
    }

    /** What chunk {@code chunk} reads: its id range, and as the mode says, all of it or only what changed in the window. */
    SourceSlice slice(int chunk) {
        return mode.publisher().reads(slices.get(chunk), window, until);
    }

    /** An incremental run with no earlier successful run to start from: it does what a full (staged) run does. */
    boolean fullIncremental() {
        return mode == Publish.INCREMENTAL && window.isEmpty();
    }

    /** The same window in SQL on {@code app.submissions}, for counting and merging. */
    String changedCondition() {
        return changedCondition(window, until);
    }

    /** Everything when there is no lower bound, as a full run reads; bounds at the ends of time are PostgreSQL's infinities. */
    static String changedCondition(Optional<OffsetDateTime> after, OffsetDateTime until) {
        return after.map(a -> "updated_at > " + literal(a) + " AND updated_at <= " + literal(until)).orElse("true");
    }

    private static String literal(OffsetDateTime time) {
        return "'" + Timestamptz.text(time) + "'";
    }

    /** The stage's events, checked against what the run wrote (its checkpoints' sum when resumable): nothing is published otherwise. */
    long checkedStageCount(DataSource pool, RunTotals totals) {
        long expected = resumable ? RunLog.checkpointedEvents(pool, runId) : totals.written.get();
        long staged = stage.count(pool);
        if (staged != expected) {
            throw new EtlException("the stage table holds " + staged + " events but the run wrote " + expected + "; nothing was published");
        }
        return staged;
    }
}

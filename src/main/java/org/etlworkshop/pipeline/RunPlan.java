package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.Databases;
import org.etlworkshop.db.SingleValue;
import org.etlworkshop.load.EventTables;

import javax.sql.DataSource;
import java.sql.SQLException;
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
 * @param window    an incremental run's changed-after watermark; the upper bound is {@code until}
 * @param until     the newest change in the source when the run started: the watermark it leaves
 * @param resumable every chunk is checkpointed, so a failed run can {@code --resume}
 */
record RunPlan(long runId, Publish mode, StageTables stage, List<SourceSlice> slices, Set<Integer> done,
               Optional<OffsetDateTime> window, OffsetDateTime until, boolean resumable) {

    /**
     * Plans a new run, logged as running in {@code dwh.etl_runs}, or with {@code --resume} reopens
     * the processor's last unfinished one: its checkpointed chunks are kept, what its unfinished ones
     * left in the stage is cleared. A run that loads a stage first drops what earlier runs left.
     */
    static RunPlan make(RunOptions options, Placement placement, String processor, String scenario, DataSource pool) {
        Publish mode = options.publish();
        if (mode.publisher().loadsAStage()) {
            StageTables.dropLeftovers(pool);
        }
        if (options.resume()) {
            return resumed(placement, processor, scenario, pool);
        }
        OffsetDateTime until = newestChange(pool);
        Optional<OffsetDateTime> after = mode.publisher().changedAfter(() -> RunLog.lastWatermark(pool));
        boolean chunked = options.chunked();
        int chunks = options.chunks(() -> submissions(pool, after, until));
        long runId = RunLog.start(pool, processor, mode, chunked ? chunks : 0, Optional.of(until));
        StageTables stage = mode.publisher().loadsAStage() ? new StageTables(runId, placement) : null;
        if (stage != null) {
            stage.create(pool);
        }
        return new RunPlan(runId, mode, stage, chunked ? SourceSlice.chunks(chunks) : List.of(SourceSlice.EVERYTHING), Set.of(),
                after, until, chunked);
    }

    private static RunPlan resumed(Placement placement, String processor, String scenario, DataSource pool) {
        RunLog.Unfinished left = RunLog.unfinished(pool, processor).orElseThrow(() -> new UsageException(
                "nothing to resume: " + processor + " has no unfinished checkpointed run in " + Databases.runName(scenario)));
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
                left.mode().publisher().changedAfter(left::changedAfter), left.changedUntil(), true);
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

    /** The same window in SQL on {@code app.submissions}, for counting and merging. */
    String changedCondition() {
        return changedCondition(window, until);
    }

    static String changedCondition(Optional<OffsetDateTime> after, OffsetDateTime until) {
        return "updated_at <= '" + until + "'" + after.map(a -> " AND updated_at > '" + a + "'").orElse("");
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

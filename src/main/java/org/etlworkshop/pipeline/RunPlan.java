package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.load.EventTables;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
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

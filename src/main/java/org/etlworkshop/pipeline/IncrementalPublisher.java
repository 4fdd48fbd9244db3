package org.etlworkshop.pipeline;

import org.etlworkshop.db.Databases;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code --publish incremental}: only the submissions created or changed since the last successful
 * run's watermark are read and staged; then, in one transaction with the run's success, the changed
 * submissions' live events and rejections are deleted and the staged ones inserted
 * ({@link StageTables#mergeIn}). The newest change when the run started becomes its watermark.
 * With no successful run to start from, it does what a full run does: it reads everything, whatever
 * {@code updated_at} holds (-infinity and infinity included), and swaps it in as {@link StagedPublisher} does.
 */
final class IncrementalPublisher implements Publisher {
    @Override
    public String database(Databases databases, String scenario) {
        return databases.runDatabaseToWrite(scenario);
    }

    @Override
    public boolean loadsAStage() {
        return true;
    }

    @Override
    public Optional<OffsetDateTime> changedAfter(Supplier<Optional<OffsetDateTime>> lastGoodWatermark) {
        return lastGoodWatermark.get();
    }

    @Override
    public SourceSlice reads(SourceSlice chunk, Optional<OffsetDateTime> changedAfter, OffsetDateTime until) {
        return changedAfter.isEmpty() ? chunk : chunk.changedIn(changedAfter, until);
    }

    @Override
    public Optional<Published> publish(RunPlan plan, DataSource pool, RunTotals totals) {
        if (plan.fullIncremental()) {
            return new StagedPublisher().publish(plan, pool, totals);
        }
        long staged = plan.checkedStageCount(pool, totals);
        String changed = "SELECT id FROM app.submissions WHERE " + plan.changedCondition();
        long merged = plan.stage().mergeIn(pool, changed, c -> RunLog.succeeded(c, plan, totals.read.get(), staged,
                totals.rejections.size()));
        return Optional.of(new Published(merged, Optional.empty()));
    }
}

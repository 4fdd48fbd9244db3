package org.etlworkshop.pipeline;

import org.etlworkshop.db.Databases;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * {@code --publish staged}: stage, swap, drop, in the warehouse that lives between runs. The run
 * loaded its stage table, where nobody reads; here the live table's indexes are built on it, it is
 * counted and {@code ANALYZE}d, and swapped in by renames in one short transaction that also writes
 * the run's success ({@link StageTables#swapIn}). The old table is dropped after.
 */
final class StagedPublisher implements Publisher {
    @Override
    public String database(Databases databases, String scenario) {
        return databases.runDatabaseToWrite(scenario);
    }

    @Override
    public boolean loadsAStage() {
        return true;
    }

    @Override
    public Optional<Published> publish(RunPlan plan, DataSource pool, RunTotals totals) {
        long staged = plan.checkedStageCount(pool, totals);
        plan.stage().index(pool);
        StageTables.Swap swap = plan.stage().swapIn(pool, c -> RunLog.succeeded(c, plan, totals.read.get(), staged,
                totals.rejections.size()));
        return Optional.of(new Published(staged, Optional.of(swap)));
    }
}

package org.etlworkshop.pipeline;

import org.etlworkshop.db.Databases;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a run's events become what the warehouse's readers see: one class per {@link Publish} mode,
 * each constant giving its own. {@link ProcessRun} asks it where to work, what to read and, once
 * every chunk is loaded, to publish; the run log's label is the mode's.
 */
interface Publisher {
    /** What publishing made visible: the events, and a swap's figures. */
    record Published(long events, Optional<StageTables.Swap> swap) {
    }

    /** The database the run works on: a fresh copy of the template, or the warehouse that lives between runs. */
    String database(Databases databases, String scenario);

    /**
     * Whether the run loads stage tables of its own, published at the end, rather than the live ones:
     * what chunks, checkpoints, {@code --resume} and several workers need.
     */
    boolean loadsAStage();

    /** An incremental run reads what changed after the last successful run's watermark; the others read everything. */
    default Optional<OffsetDateTime> changedAfter(Supplier<Optional<OffsetDateTime>> lastGoodWatermark) {
        return Optional.empty();
    }

    /** What one chunk of the source's id space reads: all of it, or only what changed in the run's window. */
    default SourceSlice reads(SourceSlice chunk, Optional<OffsetDateTime> changedAfter, OffsetDateTime until) {
        return chunk;
    }

    /** Every chunk is loaded: makes the events visible and writes the run's success in the same transaction. */
    Optional<Published> publish(RunPlan plan, DataSource pool, RunTotals totals);
}

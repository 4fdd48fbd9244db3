package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;
import org.etlworkshop.concurrent.WorkerCount;
import org.etlworkshop.db.CitusCluster;
import org.etlworkshop.db.PostgresServer;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How one {@code etl process} runs, validated when it is built: a bad value or a bad combination is
 * refused here, before anything starts, with a message that names the options involved. Every
 * decision that follows from the options is made here, once.
 *
 * @param logSql          log every statement ({@code --debug-sql})
 * @param bare            no statement counting and no Hibernate statistics, to measure what they cost ({@code --bare})
 * @param retainedHeap    a full GC when the last event reaches the loader, its live heap recorded and its time left out
 * @param stages          allocation and time per stage ({@code --debug-mem}); takes the retained-heap probe too
 * @param publish         {@code --publish}; by default replace, or staged when checkpointing, resuming or running several workers
 * @param checkpointEvery {@code --checkpoint-every N}: chunks of about N submissions, each committed to the stage with a checkpoint
 * @param resume          {@code --resume}: continue this processor's last unfinished checkpointed run from its checkpoints
 * @param failAfter       {@code --fail-after N}: an injected failure once N events have reached the loader, for tests and teaching
 * @param workers         {@code --workers N}: N loading threads, each on its own connections, sharing the work as {@code design} says
 * @param design          {@code --workers-design}: how several workers share the work
 * @param distributed     {@code --distributed}: the warehouse spread over the Citus cluster behind the coordinator {@code --url} names
 * @param publishGiven    {@code --publish} was given, not taken by default: a resume refuses one that is not its run's
 */
public record RunOptions(boolean logSql, boolean bare, boolean retainedHeap, boolean stages, Publish publish,
                         int checkpointEvery, boolean resume, long failAfter, int workers, WorkerDesign design,
                         boolean distributed, boolean publishGiven) {

    public static final RunOptions DEFAULTS = builder().build();

    public RunOptions {
        if (checkpointEvery < 0) {
            throw new UsageException("--checkpoint-every must be 0 or more, not " + checkpointEvery);
        }
        if (failAfter < 0) {
            throw new UsageException("--fail-after must be 0 or more, not " + failAfter);
        }
        WorkerCount.checked(workers, "--workers", "loading threads");
        Optional<String> chunking = checkpointEvery > 0 ? Optional.of("--checkpoint-every " + checkpointEvery)
                : resume ? Optional.of("--resume") : workers > 1 ? Optional.of("--workers " + workers) : Optional.empty();
        if (!publish.publisher().loadsAStage() && chunking.isPresent()) {
            throw new UsageException("--publish " + publish.label() + " loads the live table in one pass, but " + chunking.get()
                    + " loads a stage table in chunks: use --publish staged or incremental");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The source is read in chunks, each committed with a checkpoint: to resume, or to share among workers. */
    boolean chunked() {
        return checkpointEvery > 0 || workers > 1;
    }

    /** How many chunks: of about {@code checkpointEvery} submissions each, else 4 per worker, else one. */
    int chunks(LongSupplier submissions) {
        if (checkpointEvery > 0) {
            return (int) Math.min(65536, Math.max(1, (submissions.getAsLong() + checkpointEvery - 1) / checkpointEvery));
        }
        return workers > 1 ? 4 * workers : 1;
    }

    /** The one place a run's workers are chosen: one stream for one worker, else the chosen design with that many. */
    <E> Workers<E> workersDesign() {
        return workers == 1 ? new OneStream<>() : design.create(workers);
    }

    /** The design that shared the work, for the run's report; empty for one stream. */
    Optional<WorkerDesign> sharedBy() {
        return workers > 1 ? Optional.of(design) : Optional.empty();
    }

    /** The one place the warehouse's placement is chosen: one server, or distributed over the cluster behind {@code server}. */
    Placement placementOn(PostgresServer server) {
        return distributed ? new Distributed(CitusCluster.behind(server)) : new OneServer(server);
    }

    /** The stage meter measures one thread over one pass: only then. */
    boolean measuresStages(int chunksLeft) {
        return stages && workers == 1 && chunksLeft <= 1;
    }

    /** Connections of the run's pool: each worker's extractor and loader, the bookkeeping, and the run's owner ({@link RunOwner}). */
    int connections() {
        return 2 * workers + 5;
    }

    /** The options as {@code etl process} flags give them: unset ones take their defaults when built. */
    public static final class Builder {
        private boolean logSql;
        private boolean bare;
        private boolean retainedHeap;
        private boolean stages;
        private Publish publish;
        private int checkpointEvery;
        private boolean resume;
        private long failAfter;
        private int workers = 1;
        private WorkerDesign design = WorkerDesign.DEFAULT;
        private boolean distributed;

        private Builder() {
        }

        public Builder logSql(boolean value) {
            this.logSql = value;
            return this;
        }

        public Builder bare(boolean value) {
            this.bare = value;
            return this;
        }

        public Builder measureRetainedHeap(boolean value) {
            this.retainedHeap = value;
            return this;
        }

        public Builder measureStages(boolean value) {
            this.stages = value;
            return this;
        }

        /** null: the default (replace, or staged when checkpointing, resuming or running several workers). */
        public Builder publish(Publish value) {
            this.publish = value;
            return this;
        }

        public Builder checkpointEvery(int submissions) {
            this.checkpointEvery = submissions;
            return this;
        }

        public Builder resume(boolean value) {
            this.resume = value;
            return this;
        }

        public Builder failAfter(long events) {
            this.failAfter = events;
            return this;
        }

        public Builder workers(int value) {
            this.workers = value;
            return this;
        }

        public Builder workerDesign(WorkerDesign value) {
            this.design = value;
            return this;
        }

        public Builder distributed(boolean value) {
            this.distributed = value;
            return this;
        }

        /** Validated: throws {@link UsageException} naming the options at fault. */
        public RunOptions build() {
            Publish mode = publish != null ? publish
                    : checkpointEvery > 0 || resume || workers > 1 ? Publish.STAGED : Publish.REPLACE;
            return new RunOptions(logSql, bare, retainedHeap || stages, stages, mode, checkpointEvery, resume, failAfter,
                    workers, design, distributed, publish != null);
        }
    }
}

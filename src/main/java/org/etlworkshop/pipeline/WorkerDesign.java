package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * How {@code --workers N} shares the work ({@code --workers-design}); both publish once, all or nothing,
 * and both checkpoint per chunk of the source so a killed run resumes. Each constant makes its
 * {@link Workers} class: a new design is that class and one constant here. One worker is one stream
 * ({@link OneStream}, or {@link OverlappedStreams} when its reading and loading overlap), whatever the
 * design ({@link RunOptions#workersDesign}).
 *
 * <p>A processor may name the design that suits what bounds it (its catalog's {@code workersDesign}; the
 * queue when it names none, as every shipped one does today): the queue where the loaders are the
 * bottleneck (on {@code large}, 3 rounds of {@code etl sweep ... --over-workers 1,2,4}, medians in
 * docs/production-loading.md, it was ahead of partitions for {@code chunked-stateless} at 2 and 4 workers), partitions where
 * the one reader is (for {@code copy-binary} neither design beat one stream in that sweep). Extracting
 * once in one producer costs one query per chunk instead of one per chunk per worker, and spreads the
 * loaders' work; partitions split the extract itself by id range, and with overlap each partition
 * reads and loads on two threads ({@link OverlappedStreams}).
 */
public enum WorkerDesign {
    /**
     * N partitions of the source by submission id: each worker extracts, transforms and loads its own
     * chunks on its own connections. Nothing is shared but the list of chunks still to do ({@link Partitions});
     * with overlap, each worker is a reader and a loader thread ({@link OverlappedStreams}).
     */
    PARTITIONS((workers, overlap) -> overlap ? new OverlappedStreams<>(workers) : new Partitions<>(workers)),
    /**
     * One producer extracts and transforms; N workers load what it hands them through bounded queues,
     * so a producer faster than the loaders waits instead of filling the heap ({@link QueuedWorkers}).
     */
    QUEUE((workers, overlap) -> new QueuedWorkers<>(workers));

    public static final WorkerDesign DEFAULT = QUEUE;

    private final BiFunction<Integer, Boolean, Workers<?>> design;

    WorkerDesign(BiFunction<Integer, Boolean, Workers<?>> design) {
        this.design = design;
    }

    /** A new run's {@code workers} workers of this design, their reading and loading overlapped where the design can. */
    @SuppressWarnings("unchecked") // a design loads whatever events its run's pipeline makes
    <E> Workers<E> create(int workers, boolean overlap) {
        return (Workers<E>) design.apply(workers, overlap);
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkerDesign named(String name) {
        return Arrays.stream(values()).filter(d -> d.cliName().equals(name)).findFirst()
                .orElseThrow(() -> new UsageException("unknown --workers-design '" + name + "'; valid: "
                        + Arrays.stream(values()).map(WorkerDesign::cliName).collect(Collectors.joining(", "))));
    }
}

package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * How {@code --workers N} shares the work ({@code --workers-design}); both publish once, all or nothing,
 * and both checkpoint per chunk of the source so a killed run resumes. Each constant makes its
 * {@link Workers} class: a new design is that class and one constant here. One worker is one stream
 * ({@link OneStream}), whatever the design ({@link RunOptions#workersDesign}).
 *
 * <p>The queue is the default: on {@code large} (3 rounds of {@code etl sweep ... --over-workers 1,2,4},
 * medians in docs/production-loading.md) it was ahead of partitions for {@code chunked-stateless} at 2 and 4 workers
 * and for {@code copy-binary} at 4, and within the rounds' spread at 2. Extracting once in one
 * producer costs one query per chunk instead of one per chunk per worker, and the loaders' work, which
 * is what a worker adds, is what gets spread.
 */
public enum WorkerDesign {
    /**
     * N partitions of the source by submission id: each worker extracts, transforms and loads its own
     * chunks on its own connections. Nothing is shared but the list of chunks still to do ({@link Partitions}).
     */
    PARTITIONS(Partitions::new),
    /**
     * One producer extracts and transforms; N workers load what it hands them through bounded queues,
     * so a producer faster than the loaders waits instead of filling the heap ({@link QueuedWorkers}).
     */
    QUEUE(QueuedWorkers::new);

    public static final WorkerDesign DEFAULT = QUEUE;

    private final IntFunction<Workers<?>> design;

    WorkerDesign(IntFunction<Workers<?>> design) {
        this.design = design;
    }

    /** A new run's {@code workers} workers of this design. */
    @SuppressWarnings("unchecked") // a design loads whatever events its run's pipeline makes
    <E> Workers<E> create(int workers) {
        return (Workers<E>) design.apply(workers);
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

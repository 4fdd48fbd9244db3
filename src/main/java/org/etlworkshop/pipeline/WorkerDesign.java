package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How {@code --workers N} shares the work ({@code --workers-design}); both publish once, all or nothing,
 * and both checkpoint per chunk of the source so a killed run resumes.
 */
public enum WorkerDesign {
    /**
     * N partitions of the source by submission id: each worker extracts, transforms and loads its own
     * chunks on its own connections. Nothing is shared but the list of chunks still to do.
     */
    PARTITIONS,
    /**
     * One producer extracts and transforms; N workers load what it hands them through bounded queues,
     * so a producer faster than the loaders waits instead of filling the heap ({@link QueuedWorkers}).
     */
    QUEUE;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkerDesign named(String name) {
        return Arrays.stream(values()).filter(d -> d.cliName().equals(name)).findFirst()
                .orElseThrow(() -> new UsageException("unknown --workers-design '" + name + "'; valid: "
                        + Arrays.stream(values()).map(WorkerDesign::cliName).collect(Collectors.joining(", "))));
    }
}

package org.etlworkshop.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When this command started, for the split of its fixed costs: the process (with {@code ./etl}'s
 * {@code exec}, the launcher's own checks included) and its {@code main}. Unknown (empty) when a
 * command runs inside a JVM that did not start for it, as in the tests.
 */
public final class CommandClock {
    private static volatile Instant mainEntered;

    private CommandClock() {
    }

    /** Called first thing in {@code main}. */
    public static void mainEntered() {
        mainEntered = Instant.now();
    }

    /** From the process's start to {@code main}: the launcher, the JVM's start and the loading of the first classes. */
    public static Optional<Duration> untilMain() {
        Instant main = mainEntered;
        return main == null ? Optional.empty() : processStart().map(start -> Duration.between(start, main));
    }

    /** From the process's start to now, when known. */
    public static Optional<Duration> sinceStart() {
        return mainEntered == null ? Optional.empty() : processStart().map(start -> Duration.between(start, Instant.now()));
    }

    private static Optional<Instant> processStart() {
        return ProcessHandle.current().info().startInstant();
    }
}

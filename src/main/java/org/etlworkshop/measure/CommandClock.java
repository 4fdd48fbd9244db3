package org.etlworkshop.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When this command started, for the split of its fixed costs: the process (with {@code ./etl}'s
 * {@code exec}, the launcher's own checks included) and its {@code main}. Unknown (empty) when a
 * command runs inside a JVM that did not start for it, as in the tests.
 *
 * <p>On Linux the process's age is read from {@code /proc}, in the kernel's own clock since boot: the
 * process's start tick in {@code /proc/self/stat} against {@code /proc/uptime}, both to a hundredth of a
 * second. {@code ProcessHandle}'s start instant adds that tick to the boot time, which Linux gives in
 * whole seconds, so it put the start up to a second early: every "launch to main" read about 1.1 s
 * here, where the launcher and the JVM took about 0.3 s.
 */
public final class CommandClock {
    private static final double LINUX_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture's ABI

    private static volatile Instant mainEntered;
    private static volatile Optional<Duration> untilMain = Optional.empty();

    private CommandClock() {
    }

    /** Called first thing in {@code main}. */
    public static void mainEntered() {
        Instant now = Instant.now();
        mainEntered = now;
        untilMain = linuxAge().or(() -> ProcessHandle.current().info().startInstant().map(start -> Duration.between(start, now)));
    }

    /** From the process's start to {@code main}: the launcher, the JVM's start and the loading of the first classes. */
    public static Optional<Duration> untilMain() {
        return mainEntered == null ? Optional.empty() : untilMain;
    }

    /** From the process's start to now, when known. */
    public static Optional<Duration> sinceStart() {
        Instant main = mainEntered;
        return main == null ? Optional.empty() : untilMain.map(before -> before.plus(Duration.between(main, Instant.now())));
    }

    /** This process's age by the kernel's clock since boot, or empty where there is no {@code /proc}. */
    static Optional<Duration> linuxAge() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // After the command name (in parentheses, and it may hold spaces) come the fields from the 3rd: starttime is the 22nd.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double started = Long.parseLong(fields[22 - 3]) / LINUX_TICKS_PER_SECOND;
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return uptime >= started ? Optional.of(Duration.ofMillis(Math.round((uptime - started) * 1000))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

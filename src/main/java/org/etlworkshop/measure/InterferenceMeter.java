package org.etlworkshop.measure;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the machine's and the run's CPU time at the start and end of a measured run (see
 * {@link Interference}). Two readings of {@code /proc}, no thread: it costs nothing during the run.
 * Where there is no {@code /proc} (not Linux) it measures nothing and says so with an empty result.
 */
public final class InterferenceMeter {
    private final Optional<ProcCpu> proc;
    private final long ticksPerSecond;
    private final long ownPid;
    private final OptionalLong serverPid;
    private final List<Long> otherServerPids;
    private final double loadAverageBefore;
    private final long startNanos;
    private final Reading start;

    private record Reading(long machine, long own, long server, long others) {
    }

    InterferenceMeter(Optional<ProcCpu> proc, long ticksPerSecond, long ownPid, OptionalLong serverPid) {
        this(proc, ticksPerSecond, ownPid, serverPid, List.of());
    }

    InterferenceMeter(Optional<ProcCpu> proc, long ticksPerSecond, long ownPid, OptionalLong serverPid, List<Long> otherServerPids) {
        this.proc = proc;
        this.ticksPerSecond = ticksPerSecond;
        this.ownPid = ownPid;
        this.serverPid = serverPid;
        this.otherServerPids = otherServerPids;
        this.loadAverageBefore = proc.map(ProcCpu::loadAverage).orElse(-1.0);
        this.start = read().orElse(null);
        this.startNanos = System.nanoTime();
    }

    /** @param serverPid the postmaster of the server the run loads into, when it runs on this machine */
    public static InterferenceMeter start(OptionalLong serverPid) {
        return start(serverPid, List.of());
    }

    /**
     * @param otherServerPids the postmasters of the servers the first one works with, on this machine: a Citus
     *                        cluster's workers, whose CPU is the run's too (counted apart, never as others')
     */
    public static InterferenceMeter start(OptionalLong serverPid, List<Long> otherServerPids) {
        return new InterferenceMeter(ProcCpu.ofThisMachine(), ClockTicks.PER_SECOND, ProcessHandle.current().pid(), serverPid,
                otherServerPids);
    }

    public Optional<Interference> stop() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Optional<Reading> end = read();
        if (start == null || end.isEmpty()) {
            return Optional.empty();
        }
        Reading e = end.get();
        double server = start.server < 0 || e.server < 0 ? -1 : seconds(e.server - start.server);
        double others = otherServerPids.isEmpty() || start.others < 0 || e.others < 0 ? -1 : seconds(e.others - start.others);
        return Optional.of(Interference.of(loadAverageBefore, wall, Runtime.getRuntime().availableProcessors(),
                seconds(e.machine - start.machine), seconds(e.own - start.own), server, others));
    }

    private double seconds(long ticks) {
        return (double) ticks / ticksPerSecond;
    }

    private Optional<Reading> read() {
        if (proc.isEmpty()) {
            return Optional.empty();
        }
        try {
            ProcCpu p = proc.get();
            long server = serverPid.isPresent() ? p.treeTicks(serverPid.getAsLong()).orElse(-1) : -1;
            long others = 0;
            for (long pid : otherServerPids) {
                long ticks = p.treeTicks(pid).orElse(-1);
                others = ticks < 0 || others < 0 ? -1 : others + ticks;
            }
            return Optional.of(new Reading(p.machineBusyTicks(), p.processTicks(ownPid).orElse(0), server, others));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** USER_HZ, the unit of {@code /proc}'s CPU times: 100 on every common Linux, asked of getconf once. */
    static final class ClockTicks {
        static final long PER_SECOND = ask();

        private static long ask() {
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String answer = new String(getconf.getInputStream().readAllBytes()).trim();
                return getconf.waitFor() == 0 ? Long.parseLong(answer) : 100;
            } catch (IOException | RuntimeException e) {
                return 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 100;
            }
        }
    }
}

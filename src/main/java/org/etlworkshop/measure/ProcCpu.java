package org.etlworkshop.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time as Linux's {@code /proc} counts it, in clock ticks: the whole machine's busy time
 * ({@code /proc/stat}) and a process tree's ({@code /proc/<pid>/stat}). The root is a parameter so
 * tests can hand it a {@code /proc} of their own making.
 */
final class ProcCpu {
    private final Path root;

    ProcCpu(Path root) {
        this.root = root;
    }

    static Optional<ProcCpu> ofThisMachine() {
        Path proc = Path.of("/proc");
        return Files.isReadable(proc.resolve("stat")) ? Optional.of(new ProcCpu(proc)) : Optional.empty();
    }

    /**
     * Ticks every CPU spent busy since boot: user, nice, system, irq, softirq and steal (guest time is
     * inside user already); idle and iowait are not work.
     */
    long machineBusyTicks() throws IOException {
        String cpu = Files.readAllLines(root.resolve("stat"), StandardCharsets.UTF_8).get(0);
        String[] f = cpu.trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
        long busy = 0;
        for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
            busy += i < f.length ? Long.parseLong(f[i]) : 0;
        }
        return busy;
    }

    /** The 1-minute load average, or -1 where there is none. */
    double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(root.resolve("loadavg"), StandardCharsets.UTF_8).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Ticks used by {@code pid} and every process below it. A process's own figure includes the
     * children it has reaped ({@code cutime}, {@code cstime}), so a backend that started and ended
     * between two readings is still counted, by its parent; those alive are counted themselves.
     */
    OptionalLong treeTicks(long pid) throws IOException {
        Map<Long, Stat> all = processes();
        if (!all.containsKey(pid)) {
            return OptionalLong.empty();
        }
        long ticks = 0;
        List<Long> pending = new ArrayList<>(List.of(pid));
        while (!pending.isEmpty()) {
            long next = pending.remove(pending.size() - 1);
            ticks += all.get(next).ticks();
            all.forEach((child, stat) -> {
                if (stat.parent() == next) {
                    pending.add(child);
                }
            });
        }
        return OptionalLong.of(ticks);
    }

    /**
     * Ticks used by {@code pid} itself and by the children it has waited for: for this JVM, its own
     * threads and the processes it ran to completion (psql), not the live processes it started
     * for someone else (a test's busy loops).
     */
    OptionalLong processTicks(long pid) {
        return stat(root.resolve(Long.toString(pid))).map(s -> OptionalLong.of(s.ticks())).orElse(OptionalLong.empty());
    }

    private record Stat(long parent, long ticks) {
    }

    private Map<Long, Stat> processes() throws IOException {
        Map<Long, Stat> all = new HashMap<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                stat(dir).ifPresent(stat -> all.put(Long.parseLong(name), stat));
            }
        }
        return all;
    }

    /** utime + stime + cutime + cstime; empty when the process ended while we read (its time is now its parent's). */
    private static Optional<Stat> stat(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            // pid (comm) state ppid ... : comm may hold spaces and ')', so fields count from the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return Optional.of(new Stat(Long.parseLong(f[1]), ticks));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}

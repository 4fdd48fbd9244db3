package org.etlworkshop.measure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The arithmetic of the interference meter, on a /proc written by the test. */
class InterferenceMeterTest {
    private static final long OWN = 100, POSTMASTER = 200, BACKEND = 201, OTHER = 300;

    @Test
    void outsideCpuIsTheMachinesBusyTimeLessTheRunsAndTheServersTrees(@TempDir Path proc) throws IOException {
        // before: machine 1000 busy ticks; own 50; postmaster 10 (+5 reaped), backend 20; a stranger 0
        machine(proc, 600, 0, 400, 9999, 7, 0, 0, 0);
        process(proc, OWN, 1, "java", 40, 10, 0, 0);
        process(proc, POSTMASTER, 1, "postgres", 10, 0, 5, 0);
        process(proc, BACKEND, POSTMASTER, "postgres: etl_run_x", 20, 0, 0, 0);
        process(proc, OTHER, 1, "evil (proc) name", 0, 0, 0, 0);
        InterferenceMeter meter = new InterferenceMeter(Optional.of(new ProcCpu(proc)), 100, OWN, OptionalLong.of(POSTMASTER));

        // after: machine +900 ticks; own +300; the backend ended (its 20 + 80 more now reaped by the postmaster),
        // a new backend used 100; the postmaster itself +20; so the server used 20 + 80 + 100 = 200; the stranger 400
        machine(proc, 1200, 0, 700, 9999, 7, 0, 0, 0);
        process(proc, OWN, 1, "java", 300, 50, 0, 0);
        process(proc, POSTMASTER, 1, "postgres", 30, 0, 105, 0);
        Files.walk(proc.resolve(Long.toString(BACKEND))).sorted(java.util.Comparator.reverseOrder()).map(Path::toFile)
                .forEach(java.io.File::delete);
        process(proc, 202, POSTMASTER, "postgres: etl_run_x", 60, 40, 0, 0);
        process(proc, OTHER, 1, "evil (proc) name", 400, 0, 0, 0);
        Interference figures = meter.stop().orElseThrow();

        assertThat(figures.machineCpuSeconds()).isCloseTo(9.0, within(1e-9));
        assertThat(figures.ownCpuSeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(figures.serverCpuSeconds()).isCloseTo(2.0, within(1e-9));
        assertThat(figures.outsideCpuSeconds()).isCloseTo(4.0, within(1e-9));
        assertThat(figures.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aRunIsDisturbedWhenOthersUseMoreThanATenthOfTheMachine() {
        assertThat(Interference.of(0.1, 10, 2, 20, 14, 4.5).disturbed()).as("1.5 of 20 CPU-s: 7.5%").isFalse();
        Interference busy = Interference.of(0.1, 10, 2, 20, 10, 5);
        assertThat(busy.outsideShare()).isCloseTo(0.25, within(1e-9));
        assertThat(busy.disturbed()).isTrue();
        assertThat(busy.summary()).startsWith("others used 25% of 2 CPUs (5.0 CPU-s)");
        assertThat(Interference.of(-1, 10, 2, 20, 10, -1).outsideCpuSeconds())
                .as("a server that cannot be told apart counts as outside").isCloseTo(10, within(1e-9));
    }

    @Test
    void withoutProcItMeasuresNothing() {
        assertThat(new InterferenceMeter(Optional.empty(), 100, OWN, OptionalLong.empty()).stop()).isEmpty();
    }

    private static void machine(Path proc, long user, long nice, long system, long idle, long iowait, long irq, long softirq,
                                long steal) throws IOException {
        Files.writeString(proc.resolve("stat"), String.format("cpu  %d %d %d %d %d %d %d %d 0 0%ncpu0 1 2 3 4%n",
                user, nice, system, idle, iowait, irq, softirq, steal));
        Files.writeString(proc.resolve("loadavg"), "0.42 0.30 0.20 1/100 12345\n");
    }

    private static void process(Path proc, long pid, long parent, String comm, long utime, long stime, long cutime,
                                long cstime) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        Files.writeString(dir.resolve("stat"), String.format("%d (%s) S %d 1 1 0 -1 0 0 0 0 0 %d %d %d %d 20 0 1 0 100 0 0%n",
                pid, comm, parent, utime, stime, cutime, cstime));
    }
}

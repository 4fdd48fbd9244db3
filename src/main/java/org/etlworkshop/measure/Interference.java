package org.etlworkshop.measure;

/**
 * How much of the machine others used while a run was measured: CPU time spent by processes other
 * than the run's own JVM and the PostgreSQL server it loads into, against what the machine's CPUs
 * could give over the run. A browser, an IDE or a video call competing for two cores makes a fast
 * loader look slow; a report that does not say so misleads.
 *
 * @param loadAverageBefore the 1-minute load average just before the run (-1 where unknown)
 * @param serverCpuSeconds  the server's processes (postmaster and every backend); -1 where the server
 *                          is not on this machine or could not be found, and then counted as outside
 * @param workersCpuSeconds on a Citus cluster on this machine, its worker nodes' processes (the server above is the
 *                          coordinator); -1 where there are none or they could not be found
 * @param outsideShare      outside CPU seconds / (wall seconds x CPUs)
 * @param disturbed         {@code outsideShare} above {@link #DISTURBED_SHARE}
 */
public record Interference(double loadAverageBefore, double wallSeconds, int cpus, double machineCpuSeconds,
                           double ownCpuSeconds, double serverCpuSeconds, double outsideCpuSeconds,
                           double outsideShare, boolean disturbed, double workersCpuSeconds) {

    /**
     * Others using more than a tenth of the machine mark a run as disturbed. Measured here: on an
     * idle 2-core machine, everything else together used 1-3%; a single busy process takes up to
     * half of a 2-core machine.
     */
    public static final double DISTURBED_SHARE = 0.10;

    static Interference of(double loadAverageBefore, double wallSeconds, int cpus, double machine, double own,
                           double server) {
        return of(loadAverageBefore, wallSeconds, cpus, machine, own, server, -1);
    }

    static Interference of(double loadAverageBefore, double wallSeconds, int cpus, double machine, double own,
                           double server, double workers) {
        double outside = Math.max(0, machine - own - Math.max(0, server) - Math.max(0, workers));
        double share = wallSeconds <= 0 ? 0 : outside / (wallSeconds * cpus);
        return new Interference(loadAverageBefore, wallSeconds, cpus, machine, own, server, outside, share,
                share > DISTURBED_SHARE, workers);
    }

    /** E.g. {@code others used 34% of 2 CPUs (5.1 CPU-s); load average 1.9 before}. */
    public String summary() {
        return String.format("others used %.0f%% of %d CPUs (%.1f CPU-s)%s%s", 100 * outsideShare, cpus, outsideCpuSeconds,
                loadAverageBefore < 0 ? "" : String.format("; load average %.2f before", loadAverageBefore),
                serverCpuSeconds < 0 ? "; the server's own CPU could not be told apart" : "");
    }
}

package org.etlworkshop.setup;

import java.lang.management.ManagementFactory;

/**
 * The machine's memory and the heap this JVM may use. The threshold is a margin, not a measurement:
 * a JVM's default heap is a quarter of the machine's memory, and the embedded PostgreSQL, the
 * browser and the lessons' Python run beside it ({@code naive} on {@code large} wants
 * {@code ETL_JAVA_OPTS=-Xmx4g} on its own).
 */
final class MemoryCheck {
    static final long NEEDED_BYTES = 4L << 30;

    private MemoryCheck() {
    }

    static Finding run() {
        long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        long heap = Runtime.getRuntime().maxMemory();
        String found = Units.gib(total) + " in this machine; this JVM may use up to " + Units.gib(heap) + " of heap";
        if (total < NEEDED_BYTES) {
            return Finding.missing("memory", true, found + ": the workshop needs " + Units.gib(NEEDED_BYTES),
                    "a machine with more memory (or close other programs and use the small scenarios)");
        }
        return Finding.ok("memory", true, found);
    }
}

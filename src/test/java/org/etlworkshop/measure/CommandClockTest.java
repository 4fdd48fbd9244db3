package org.etlworkshop.measure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process's age on Linux agrees with the JVM's own uptime (this test's JVM started with its
 * process) to within the clocks' hundredths and the JVM's own start: not off by the fraction of a
 * second that the boot time's whole seconds put into ProcessHandle's start instant.
 */
class CommandClockTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void aLinuxProcessAgeAgreesWithTheJvmsUptime() {
        for (int i = 0; i < 5; i++) {
            long jvmBefore = ManagementFactory.getRuntimeMXBean().getUptime();
            Duration age = CommandClock.linuxAge().orElseThrow();
            long jvmAfter = ManagementFactory.getRuntimeMXBean().getUptime();
            assertThat(age.toMillis()).as("process age against JVM uptime %d-%d ms", jvmBefore, jvmAfter)
                    .isBetween(jvmBefore - 30, jvmAfter + 300);
        }
    }
}

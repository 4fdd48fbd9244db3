package org.etlworkshop.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** etl process refuses a bad combination of run options before it starts anything, naming both. */
class RunOptionsCommandTest {

    @Test
    void replaceWithWorkersIsAUsageErrorNamingBothOptions() {
        Cli.Outcome outcome = Cli.etl("process", "small", "copy", "--publish", "replace", "--workers", "2",
                "--data-dir", "target/cli-etl-never-started");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--publish replace").contains("--workers 2").doesNotContain("Exception")
                .doesNotContain("Starting");
        assertThat(outcome.all()).as("refused before any server started").doesNotContain("PostgreSQL");
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("target/cli-etl-never-started"))).isFalse();
    }
}

package org.etlworkshop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etl results-page writes the page it is asked for, and a reference folder without the reports is one line, exit 2. */
class ResultsPageCommandTest {

    @Test
    void writesThePageFromTheReferenceReports(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("docs")).resolve("results.md");
        Cli.Outcome outcome = Cli.etl("results-page", "--reference", "profiles/reference", "--out", out.toString());
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(Files.readString(out)).contains("#### `large`: 997,329 events", "#### `medium`: ", "#### Fast or durable")
                .doesNotContain("{{");
    }

    @Test
    void aFolderWithoutTheReportsIsOneLineNamingWhatIsThere(@TempDir Path dir) {
        Cli.Outcome outcome = Cli.etl("results-page", "--reference", dir.toString(), "--out", dir.resolve("r.md").toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip().lines().toList()).hasSize(1);
        assertThat(outcome.err()).startsWith("etl: no reference report ").contains("the sets there: ");
        assertThat(dir.resolve("r.md")).doesNotExist();
    }
}

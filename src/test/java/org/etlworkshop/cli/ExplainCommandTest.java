package org.etlworkshop.cli;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Pools;
import org.etlworkshop.db.ServerFacts;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.report.ProfiledRun;
import org.etlworkshop.report.Profiles;
import org.etlworkshop.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code etl explain PROFILE}: the verdict then one line per finding; a bad file is a one-line usage error. */
class ExplainCommandTest {
    @TempDir
    Path dir;

    @Test
    void explainsAProfileWrittenByProcess() throws Exception {
        Path profile = dir.resolve("naive.json");
        Scenario scenario = TestDatabase.generated(TestDatabase.testScenarios(), "mem-1x");
        ServerFacts facts;
        try (var pool = Pools.open(TestDatabase.server().maintenance())) {
            facts = ServerFacts.read(pool);
        }
        Profiles.write(ProfiledRun.execute(ProcessRun.on(TestDatabase.server(), scenario.name()),
                TestRuns.CATALOG.get("naive"), scenario, facts, List::of).profile(), profile);

        Cli.Outcome explained = Cli.etl("explain", profile.toString());
        assertThat(explained.exitCode()).as(explained.all()).isZero();
        String[] lines = explained.out().strip().split("\n");
        assertThat(lines[0]).startsWith("naive on mem-1x");
        assertThat(lines[1]).isEqualTo("Bottleneck: a growing persistence context");
        assertThat(lines[2]).startsWith("- the session flushed");
    }

    @Test
    void aRowCommitRunOnATrulyDurableServerIsExplainedByItsWaitForTheWal() throws Exception {
        // Its own embedded server, started crash-safe by --durable (fsync and synchronous_commit on), as a user runs it.
        Path profile = dir.resolve("row-commit-durable.json");
        Cli.Outcome run = Cli.etl("process", "small", "row-commit", "--durable", "--data-dir", dir.resolve("data").toString(),
                "--profile-out", profile.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all()).contains("fsync=on");

        Cli.Outcome explained = Cli.etl("explain", profile.toString());
        assertThat(explained.exitCode()).as(explained.all()).isZero();
        assertThat(explained.out()).contains("Bottleneck: a commit per row")
                .contains("durable server each commit waits for the WAL");
    }

    @Test
    void aMissingOrForeignFileIsAOneLineUsageError() throws Exception {
        Cli.Outcome missing = Cli.etl("explain", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).contains("no profile at").doesNotContain("\n").doesNotContain("Exception");
        Path list = Files.writeString(dir.resolve("limit.json"), "[{\"name\":\"x\"}]");
        Cli.Outcome foreign = Cli.etl("explain", list.toString());
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.err().strip()).doesNotContain("\n");
        assertThat(Cli.etl("explain").exitCode()).isEqualTo(2);
    }
}

package org.etlworkshop.setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * What this laptop has for the workshop, piece by piece: the ones etl cannot run without, then the
 * ones that make the lessons nicer. Each finding says what was found; a missing piece carries the
 * command that fixes it on this platform.
 *
 * @param home    the folder of the launcher, a clone or a room kit ({@code etl.home})
 * @param dataDir the data directory the commands would use
 * @param port    a port to check for, or empty for any the system gives out
 */
public record Doctor(Path home, Path dataDir, OptionalInt port) {

    /** Runs every check in order, handing each finding over as soon as it is known (the server start takes seconds). */
    public List<Finding> examine(Platform platform, Consumer<Finding> each) {
        List<Finding> findings = new ArrayList<>();
        Consumer<Finding> add = finding -> {
            findings.add(finding);
            each.accept(finding);
        };
        add.accept(JdkCheck.run(platform, Files.exists(home.resolve("pom.xml"))));
        add.accept(MemoryCheck.run());
        add.accept(DiskCheck.run(dataDir));
        Finding dataDirFinding = DataDirCheck.run(platform, dataDir);
        add.accept(dataDirFinding);
        add.accept(PortCheck.run(platform, port));
        add.accept(PostgresCheck.run(platform, dataDir, dataDirFinding.present()));
        add.accept(PsqlCheck.run(platform));
        add.accept(JupyterCheck.run(platform, home));
        return findings;
    }

    /** Whether every piece etl cannot run without is there: the exit code of {@code etl doctor}. */
    public static boolean ready(List<Finding> findings) {
        return findings.stream().noneMatch(f -> f.required() && !f.present());
    }
}

package org.etlworkshop.cli;

import org.etlworkshop.UsageException;
import org.etlworkshop.setup.Doctor;
import org.etlworkshop.setup.Finding;
import org.etlworkshop.setup.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check that this laptop has what the workshop needs: Java, memory, disk, a writable data directory,",
                "a free port, this platform's PostgreSQL (started, and timed), and psql and Jupyter (optional).",
                "Each missing piece is printed with the command that fixes it here. Exit 0 when every required piece is there."})
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".etl",
            description = "The data directory to check (default: ${DEFAULT-VALUE}); a server is started in DIR/doctor and removed.")
    Path dataDir;

    @Option(names = "--port", paramLabel = "N", description = "Check that this port on localhost is free (default: that the system gives out free ports).")
    Integer port;

    @Override
    public Integer call() {
        if (port != null && (port < 1 || port > 65535)) {
            throw new UsageException("--port must be between 1 and 65535 (got " + port + ")");
        }
        Platform platform = Platform.current();
        Path home = Path.of(System.getProperty("etl.home", "."));
        Console.line("etl doctor on " + platform.describe() + " (etl in " + home.toAbsolutePath().normalize() + "):");
        List<Finding> findings = new Doctor(home, dataDir, port == null ? OptionalInt.empty() : OptionalInt.of(port))
                .examine(platform, DoctorCommand::print);
        long optionalMissing = findings.stream().filter(f -> !f.required() && !f.present()).count();
        if (!Doctor.ready(findings)) {
            Console.line("Missing: " + findings.stream().filter(f -> f.required() && !f.present()).map(Finding::piece)
                    .reduce((a, b) -> a + ", " + b).orElse("") + ". Fix it with the command under it, then run etl doctor again.");
            return ExitCodes.FAILURE;
        }
        Console.line("Everything etl needs is here." + (optionalMissing == 0 ? "" : " (" + optionalMissing
                + " optional piece" + (optionalMissing == 1 ? "" : "s") + " missing: see above.)"));
        return ExitCodes.OK;
    }

    private static void print(Finding finding) {
        String state = finding.present() ? "ok" : finding.required() ? "MISSING" : "missing";
        Console.line(String.format("  %-8s %-11s %s%s", state, finding.piece(), finding.required() ? "" : "(optional) ", finding.detail()));
        finding.fix().ifPresent(fix -> Console.line(String.format("  %-8s %-11s fix: %s", "", "", fix)));
    }
}

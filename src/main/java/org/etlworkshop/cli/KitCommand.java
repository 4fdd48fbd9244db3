package org.etlworkshop.cli;

import org.etlworkshop.UsageException;
import org.etlworkshop.setup.RoomKit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "kit", mixinStandardHelpOptions = true,
        description = {"Write a room kit into DIR: the built jar with the PostgreSQL binaries of every platform, both launchers,",
                "the scenarios, the notebooks and the reference profiles. It runs with no network on Linux, macOS and Windows",
                "given a JDK 17+: copy it to USB sticks. ./etl kit builds with every platform's binaries first."})
final class KitCommand implements Runnable {
    @Parameters(paramLabel = "DIR", description = "A new folder for the kit.")
    Path target;

    @Override
    public void run() {
        Path jar;
        try {
            jar = Path.of(KitCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UsageException("etl kit cannot find its own jar: run it as ./etl kit DIR");
        }
        if (!Files.isRegularFile(jar)) {
            throw new UsageException("etl kit copies the built jar, and this etl runs from " + jar + ": run it as ./etl kit DIR");
        }
        Path home = Path.of(System.getProperty("etl.home", "."));
        Console.status("Writing the room kit into " + target + "...");
        long bytes = RoomKit.write(home, jar, target);
        Console.line(String.format("Room kit in %s: %.0f MB, PostgreSQL for %s.", target, bytes / 1e6, String.join(", ", RoomKit.PLATFORMS)));
        Console.line("On a laptop with a JDK 17+: ./etl doctor, then ./etl process medium chunked-stateless (etl.cmd on Windows).");
    }
}

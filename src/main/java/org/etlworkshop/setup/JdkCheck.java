package org.etlworkshop.setup;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Java running etl: 17 or newer, and a {@code javac} beside it where the launcher builds from the sources. */
final class JdkCheck {
    static final int NEEDED = 17;

    private JdkCheck() {
    }

    static Finding run(Platform platform, boolean buildsFromSources) {
        int feature = Runtime.version().feature();
        Path home = Path.of(System.getProperty("java.home"));
        boolean javac = Files.exists(home.resolve("bin/javac")) || Files.exists(home.resolve("bin/javac.exe"));
        String found = "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at " + home
                + (javac ? ", with javac" : ", without javac");
        if (feature < NEEDED) {
            return Finding.missing("Java", true, found + ": etl needs " + NEEDED + " or newer", platform.installJdk());
        }
        if (!javac && buildsFromSources) {
            return Finding.missing("Java", true, found + ": a runtime only, and ./etl builds from the sources with javac",
                    platform.installJdk());
        }
        return Finding.ok("Java", true, found);
    }
}

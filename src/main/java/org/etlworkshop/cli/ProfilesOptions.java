package org.etlworkshop.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where profiles and reports are written and looked up. */
public final class ProfilesOptions {
    @Option(names = "--profiles", paramLabel = "DIR", defaultValue = "${sys:etl.home:-.}/profiles",
            description = "Directory of profiles and reports (default: the project's profiles/).")
    Path profilesDir;

    Path directory() {
        return profilesDir.normalize();
    }
}

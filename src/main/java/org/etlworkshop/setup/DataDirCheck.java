package org.etlworkshop.setup;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;
import org.etlworkshop.db.EmbeddedServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The data directory: a path the embedded server accepts, which etl can create and write in. A file
 * is written and deleted to prove it (permissions alone do not say what a read-only disk or a
 * full one will do).
 */
final class DataDirCheck {
    private DataDirCheck() {
    }

    static Finding run(Platform platform, Path dataDir) {
        try {
            EmbeddedServer.checkArguments(dataDir, Map.of());
        } catch (EtlException e) {
            return Finding.missing("data dir", true, e.getMessage(), "give etl another directory: --data-dir DIR");
        }
        try {
            Files.createDirectories(dataDir);
            Path probe = Files.writeString(dataDir.resolve(".etl-doctor-" + ProcessHandle.current().pid()), "probe");
            Files.delete(probe);
            return Finding.ok("data dir", true, dataDir + " is writable");
        } catch (IOException e) {
            return Finding.missing("data dir", true, "cannot write in " + dataDir + ": " + IoErrors.describe(e),
                    platform.makeWritable(dataDir));
        }
    }
}

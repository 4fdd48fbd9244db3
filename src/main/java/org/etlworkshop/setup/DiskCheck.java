package org.etlworkshop.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Free space where the data directory is (or would be): each scenario keeps a template and a run
 * database there. The threshold is a margin chosen for the larger scenarios, not a measured size.
 */
final class DiskCheck {
    static final long NEEDED_BYTES = 5L << 30;

    private DiskCheck() {
    }

    static Finding run(Path dataDir) {
        Path existing = dataDir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Finding.missing("disk", true, "no existing directory above " + dataDir, "--data-dir DIR on a disk with room");
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            String found = Units.gib(free) + " free at " + existing;
            if (free < NEEDED_BYTES) {
                return Finding.missing("disk", true, found + ": etl doctor wants " + Units.gib(NEEDED_BYTES) + " for the scenarios' databases",
                        "free some space, or give etl a data directory on another disk: --data-dir DIR");
            }
            return Finding.ok("disk", true, found);
        } catch (IOException e) {
            return Finding.missing("disk", true, "cannot read the free space at " + existing + ": " + e.getMessage(),
                    "--data-dir DIR on a disk etl can read");
        }
    }
}

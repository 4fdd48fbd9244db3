package org.etlworkshop.setup;

import org.etlworkshop.db.Psql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** psql on the PATH, for {@code etl psql} (optional: without it a small built-in client runs single commands). */
final class PsqlCheck {
    private PsqlCheck() {
    }

    static Finding run(Platform platform) {
        Optional<Path> psql = Psql.find();
        if (psql.isEmpty()) {
            return Finding.missing("psql", false, "no psql on PATH", platform.installPsql());
        }
        try {
            Process process = new ProcessBuilder(List.of(psql.get().toString(), "--version")).redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Finding.missing("psql", false, psql.get() + " --version failed: " + version, platform.installPsql());
            }
            return Finding.ok("psql", false, version + " at " + psql.get());
        } catch (IOException e) {
            return Finding.missing("psql", false, psql.get() + " does not run: " + e.getMessage(), platform.installPsql());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.missing("psql", false, "interrupted", platform.installPsql());
        }
    }
}

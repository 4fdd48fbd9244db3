package org.etlworkshop.scenario;

import org.etlworkshop.Progress;
import org.etlworkshop.db.Databases;

import java.time.Duration;
import java.util.Optional;

/**
 * Keeps one template database per scenario, generated once and reused by every run: the Java
 * version of the original workshop's {@code --keepdb}. A template whose scenario file, schemas or
 * generator changed since it was made is regenerated.
 */
public final class Templates {
    private final Databases databases;

    public Templates(Databases databases) {
        this.databases = databases;
    }

    /** Empty when the template was already up to date, else how long generating it took. */
    public Optional<Duration> ensureGenerated(Scenario scenario, boolean force, Progress progress) {
        if (!force && isUpToDate(scenario)) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        DataGenerator generator = new DataGenerator(scenario);
        databases.buildTemplate(scenario.name(), scenario.fingerprint(), pool -> generator.generate(pool, progress));
        return Optional.of(Duration.ofNanos(System.nanoTime() - start));
    }

    public boolean isUpToDate(Scenario scenario) {
        return databases.templateFingerprint(scenario.name()).filter(scenario.fingerprint()::equals).isPresent();
    }
}

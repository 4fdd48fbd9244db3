package org.etlworkshop.report;

import org.etlworkshop.IoErrors;
import org.etlworkshop.EtlException;
import org.etlworkshop.Json;
import org.etlworkshop.limit.Ceiling;
import org.etlworkshop.limit.LoadCeilings;
import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.pipeline.LoaderRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The ceilings of one report: read from and written to {@code ceilings.json}, the median of
 * several rounds, and the ceiling each processor is judged against (its loader's family).
 */
public record Ceilings(List<Ceiling> all) {

    public static Ceilings none() {
        return new Ceilings(List.of());
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public static void write(List<Ceiling> ceilings, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Json.MAPPER.writeValue(file.toFile(), ceilings);
        } catch (IOException e) {
            throw new EtlException("cannot write " + file + ": " + IoErrors.describe(e), e);
        }
    }

    public static List<Ceiling> read(Path file) {
        try {
            return List.of(Json.MAPPER.readValue(file.toFile(), Ceiling[].class));
        } catch (IOException e) {
            throw new EtlException("cannot read the ceilings in " + file + ": " + IoErrors.describe(e), e);
        }
    }

    /** Per ceiling, the round with its median time: {@code matrix --repeat N} measures the ceilings N times too. */
    public static Ceilings median(List<List<Ceiling>> rounds) {
        if (rounds.isEmpty()) {
            return none();
        }
        return new Ceilings(rounds.get(0).stream().map(first -> Median.of(rounds.stream().flatMap(List::stream)
                .filter(c -> c.name().equals(first.name())).toList(), Ceiling::seconds)).toList());
    }

    public Optional<Ceiling> named(String name) {
        return all.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Ceiling binary() {
        return named(CeilingFamily.BINARY_COPY.ceilingName()).orElseThrow();
    }

    /** Reports older than the psql ceiling lack it. */
    public Optional<Ceiling> psqlCsv() {
        return named(LoadCeilings.PSQL_CSV);
    }

    /**
     * The ceiling of the loader's family. Reports older than the indexes-after ceiling fall back to
     * binary COPY; a loader this version does not know is judged as a JDBC loader.
     */
    public Ceiling familyOf(String loader) {
        CeilingFamily family = LoaderRegistry.find(loader).map(LoaderRegistry.Entry::ceiling).orElse(CeilingFamily.JDBC_BATCH);
        return named(family.ceilingName()).orElseGet(this::binary);
    }
}

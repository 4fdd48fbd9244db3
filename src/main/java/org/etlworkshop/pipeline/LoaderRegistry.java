package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;
import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.load.ChunkedLoader;
import org.etlworkshop.load.CopyBinaryIndexesAfterLoader;
import org.etlworkshop.load.CopyBinaryLoader;
import org.etlworkshop.load.CopyLoader;
import org.etlworkshop.load.FlushPerEntityLoader;
import org.etlworkshop.load.Loader;
import org.etlworkshop.load.NaiveLoader;
import org.etlworkshop.load.RowCommitLoader;
import org.etlworkshop.load.StatelessLoader;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every loader by the name a processor gives it: how to build it from the processor's settings,
 * the ceiling it is judged against, and its lesson in one line. Adding a loader is its class, one
 * line here and a catalog entry; a class of one's own, outside this project, is named {@code class:NAME}
 * ({@link LoaderFromClass}).
 */
public final class LoaderRegistry {

    public record Entry(String name, CeilingFamily ceiling, String lesson, Function<ProcessorConfig, Loader<?>> create) {
    }

    private static final List<Entry> LOADERS = List.of(
            new Entry("naive", CeilingFamily.JDBC_BATCH,
                    "persist everything, flush once: memory grows with the events", config -> new NaiveLoader()),
            new Entry("flush-per-entity", CeilingFamily.JDBC_BATCH,
                    "flush after each persist: a round trip per event, and memory still grows", config -> new FlushPerEntityLoader()),
            new Entry("chunked", CeilingFamily.JDBC_BATCH,
                    "flush and clear every N: JDBC batches, memory bounded by N", config -> ChunkedLoader.sequenceKeyed(config.chunkSize())),
            new Entry("chunked-identity", CeilingFamily.JDBC_BATCH,
                    "chunked with IDENTITY-keyed entities: an INSERT per persist to learn the id, no batches",
                    config -> ChunkedLoader.identityKeyed(config.chunkSize())),
            new Entry("stateless", CeilingFamily.JDBC_BATCH,
                    "StatelessSession in JDBC batches of N: no persistence context", config -> new StatelessLoader(config.chunkSize())),
            new Entry("row-commit", CeilingFamily.JDBC_BATCH,
                    "one INSERT and one commit per event: what --durable really costs, and not atomic", config -> new RowCommitLoader()),
            new Entry("copy", CeilingFamily.TEXT_COPY,
                    "COPY in text format, encoded as the server reads", config -> new CopyLoader()),
            new Entry("copy-binary", CeilingFamily.BINARY_COPY,
                    "COPY in binary format: the server parses no text", config -> new CopyBinaryLoader()),
            new Entry("copy-binary-indexes-after", CeilingFamily.BINARY_COPY_INDEXES_AFTER,
                    "binary COPY with secondary indexes built once at the end", config -> new CopyBinaryIndexesAfterLoader()));

    private LoaderRegistry() {
    }

    public static List<String> names() {
        return LOADERS.stream().map(Entry::name).toList();
    }

    /** The loader called {@code name}, if there is one; a {@code class:NAME} that cannot be loaded is none. */
    public static Optional<Entry> find(String name) {
        try {
            return LOADERS.stream().filter(e -> e.name().equals(name)).findFirst().or(() -> LoaderFromClass.find(name));
        } catch (UsageException unloadable) {
            return Optional.empty(); // e.g. a report reading the profile of a loader class that is not on this class path
        }
    }

    /** The loader called {@code name}, or a usage error that lists the valid names. */
    public static Entry named(String name) {
        if (name.startsWith(LoaderFromClass.PREFIX)) {
            return LoaderFromClass.find(name).orElseThrow(); // a class that cannot be loaded says why
        }
        return find(name).orElseThrow(() -> new UsageException(
                "unknown loader '" + name + "'; valid: " + String.join(", ", names()) + ", or class:NAME"));
    }
}

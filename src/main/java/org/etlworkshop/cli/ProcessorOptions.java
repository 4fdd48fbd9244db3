package org.etlworkshop.cli;

import org.etlworkshop.extract.Fetch;
import org.etlworkshop.extract.ReadMode;
import org.etlworkshop.pipeline.ProcessorCatalog;
import org.etlworkshop.pipeline.ProcessorConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which processors exist, and command-line overrides of any field of the chosen one. */
public final class ProcessorOptions {
    @Option(names = "--catalog", paramLabel = "FILE",
            description = "A processors.json of your own; its entries add to or replace the shipped ones.")
    Path catalogFile;

    @Option(names = "--read", paramLabel = "MODE", description = "Override how submissions are read: ${COMPLETION-CANDIDATES}.")
    ReadMode read;

    @Option(names = "--fetch", paramLabel = "HOW", description = "Override how users and forms are fetched: ${COMPLETION-CANDIDATES}.")
    Fetch fetch;

    @Option(names = "--loader", paramLabel = "NAME", description = "Override the loader (e.g. naive, chunked, stateless, copy).")
    String loader;

    @Option(names = "--chunk-size", paramLabel = "N", description = "Override the chunk / JDBC batch size.")
    Integer chunkSize;

    @Option(names = "--fetch-size", paramLabel = "N", description = "Override the rows fetched per round trip when streaming.")
    Integer fetchSize;

    @Option(names = "--jdbc", paramLabel = "KEY=VALUE",
            description = "Set a pgjdbc connection property for the run, e.g. --jdbc reWriteBatchedInserts=true (repeatable).")
    java.util.Map<String, String> jdbc;

    /** The catalog file and overrides as arguments for a child {@code etl process}. */
    java.util.List<String> asArguments() {
        java.util.List<String> args = new java.util.ArrayList<>();
        if (catalogFile != null) {
            args.addAll(java.util.List.of("--catalog", catalogFile.toString()));
        }
        if (read != null) {
            args.addAll(java.util.List.of("--read", read.name()));
        }
        if (fetch != null) {
            args.addAll(java.util.List.of("--fetch", fetch.name()));
        }
        if (loader != null) {
            args.addAll(java.util.List.of("--loader", loader));
        }
        if (chunkSize != null) {
            args.addAll(java.util.List.of("--chunk-size", chunkSize.toString()));
        }
        if (fetchSize != null) {
            args.addAll(java.util.List.of("--fetch-size", fetchSize.toString()));
        }
        if (jdbc != null) {
            jdbc.forEach((key, value) -> args.addAll(java.util.List.of("--jdbc", key + "=" + value)));
        }
        return args;
    }

    ProcessorCatalog catalog() {
        ProcessorCatalog shipped = ProcessorCatalog.shipped();
        return catalogFile == null ? shipped : shipped.with(catalogFile);
    }

    ProcessorConfig resolve(ProcessorCatalog catalog, String name) {
        ProcessorConfig config = catalog.get(name);
        if (read != null) {
            config = config.withRead(read);
        }
        if (fetch != null) {
            config = config.withFetch(fetch);
        }
        if (loader != null) {
            config = config.withLoader(loader);
        }
        if (chunkSize != null) {
            config = config.withChunkSize(positive("--chunk-size", chunkSize));
        }
        if (fetchSize != null) {
            config = config.withFetchSize(positive("--fetch-size", fetchSize));
        }
        if (jdbc != null) {
            java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(config.jdbc());
            merged.putAll(jdbc);
            config = config.withJdbc(java.util.Map.copyOf(merged));
        }
        return config;
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new org.etlworkshop.UsageException(option + " must be at least 1, got " + value);
        }
        return value;
    }
}

package org.etlworkshop.cli;

import org.etlworkshop.UsageException;
import org.etlworkshop.extract.Fetch;
import org.etlworkshop.extract.ReadMode;
import org.etlworkshop.pipeline.ProcessorCatalog;
import org.etlworkshop.pipeline.ProcessorConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    Map<String, String> jdbc;

    /** The catalog file and overrides as arguments for a child {@code etl process}. */
    List<String> asArguments() {
        List<String> args = new ArrayList<>();
        if (catalogFile != null) {
            args.addAll(List.of("--catalog", catalogFile.toString()));
        }
        if (read != null) {
            args.addAll(List.of("--read", read.name()));
        }
        if (fetch != null) {
            args.addAll(List.of("--fetch", fetch.name()));
        }
        if (loader != null) {
            args.addAll(List.of("--loader", loader));
        }
        if (chunkSize != null) {
            args.addAll(List.of("--chunk-size", chunkSize.toString()));
        }
        if (fetchSize != null) {
            args.addAll(List.of("--fetch-size", fetchSize.toString()));
        }
        if (jdbc != null) {
            jdbc.forEach((key, value) -> args.addAll(List.of("--jdbc", key + "=" + value)));
        }
        return args;
    }

    ProcessorCatalog catalog() {
        ProcessorCatalog shipped = ProcessorCatalog.shipped();
        return catalogFile == null ? shipped : shipped.with(catalogFile);
    }

    ProcessorConfig resolve(ProcessorCatalog catalog, String name) {
        ProcessorConfig.Builder config = catalog.get(name).toBuilder();
        if (read != null) {
            config.read(read);
        }
        if (fetch != null) {
            config.fetch(fetch);
        }
        if (loader != null) {
            config.loader(loader);
        }
        if (chunkSize != null) {
            config.chunkSize(positive("--chunk-size", chunkSize));
        }
        if (fetchSize != null) {
            config.fetchSize(positive("--fetch-size", fetchSize));
        }
        if (jdbc != null) {
            Map<String, String> merged = new LinkedHashMap<>(catalog.get(name).jdbc());
            merged.putAll(jdbc);
            config.jdbc(merged);
        }
        return config.build();
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new UsageException(option + " must be at least 1, got " + value);
        }
        return value;
    }
}

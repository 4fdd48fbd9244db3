package org.etlworkshop.pipeline;

import org.etlworkshop.extract.Fetch;
import org.etlworkshop.extract.ReadMode;

/**
 * A processor: a named combination of extractor (how rows are read and how related rows are
 * fetched), loader and sizes. The event shape (entities or rows) follows from the loader.
 *
 * @param chunkSize events per flush/clear, JDBC batch or chunk, for the loaders that use one
 * @param fetchSize rows per round trip when the extractor streams
 * @param jdbc      pgjdbc connection properties for the run's pool, e.g. {@code reWriteBatchedInserts=true}
 * @param maxEvents above this many events {@code etl matrix} skips the processor (it would take too
 *                  long to teach anything); {@code Long.MAX_VALUE} when unlimited
 */
public record ProcessorConfig(String name, String description, ReadMode read, Fetch fetch, String loader,
                              int chunkSize, int fetchSize, long maxEvents,
                              java.util.Map<String, String> jdbc) {

    public ProcessorConfig withRead(ReadMode value) {
        return new ProcessorConfig(name, description, value, fetch, loader, chunkSize, fetchSize, maxEvents, jdbc);
    }

    public ProcessorConfig withFetch(Fetch value) {
        return new ProcessorConfig(name, description, read, value, loader, chunkSize, fetchSize, maxEvents, jdbc);
    }

    public ProcessorConfig withLoader(String value) {
        return new ProcessorConfig(name, description, read, fetch, value, chunkSize, fetchSize, maxEvents, jdbc);
    }

    public ProcessorConfig withChunkSize(int value) {
        return new ProcessorConfig(name, description, read, fetch, loader, value, fetchSize, maxEvents, jdbc);
    }

    public ProcessorConfig withFetchSize(int value) {
        return new ProcessorConfig(name, description, read, fetch, loader, chunkSize, value, maxEvents, jdbc);
    }

    public ProcessorConfig withJdbc(java.util.Map<String, String> value) {
        return new ProcessorConfig(name, description, read, fetch, loader, chunkSize, fetchSize, maxEvents, value);
    }

    /** One line for summaries: every field that decides the cost. */
    public String settings() {
        return "read=" + read.name().toLowerCase() + " fetch=" + fetch.name().toLowerCase() + " loader=" + loader
                + " chunk-size=" + chunkSize + " fetch-size=" + fetchSize
                + (jdbc.isEmpty() ? "" : " jdbc=" + new java.util.TreeMap<>(jdbc));
    }
}

package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;
import org.etlworkshop.extract.Fetch;
import org.etlworkshop.extract.ReadMode;

import java.util.Map;
import java.util.TreeMap;

/**
 * A processor: a named combination of extractor (how rows are read and how related rows are
 * fetched), loader and sizes. The event shape (entities or rows) follows from the loader. Built
 * with {@link #builder}, which checks the loader name against {@link LoaderRegistry}.
 *
 * @param chunkSize events per flush/clear, JDBC batch or chunk, for the loaders that use one
 * @param fetchSize rows per round trip when the extractor streams
 * @param jdbc      pgjdbc connection properties for the run's pool, e.g. {@code reWriteBatchedInserts=true}
 * @param maxEvents above this many events {@code etl matrix} skips the processor (it would take too
 *                  long to teach anything); {@code Long.MAX_VALUE} when unlimited
 * @param overlap   by default, its reading and loading run on two threads at once ({@code --[no-]overlap})
 * @param workersDesign how its {@code --workers} share the work by default ({@code --workers-design})
 */
public record ProcessorConfig(String name, String description, ReadMode read, Fetch fetch, String loader,
                              int chunkSize, int fetchSize, long maxEvents, Map<String, String> jdbc, boolean overlap,
                              WorkerDesign workersDesign) {
    public static final int DEFAULT_CHUNK_SIZE = 1000;
    public static final int DEFAULT_FETCH_SIZE = 1000;

    public static Builder builder(String name, String loader) {
        return new Builder(name, loader);
    }

    /** A builder holding this processor's settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(name, loader).description(description).read(read).fetch(fetch).chunkSize(chunkSize)
                .fetchSize(fetchSize).maxEvents(maxEvents).jdbc(jdbc).overlap(overlap).workersDesign(workersDesign);
    }

    public LoaderRegistry.Entry loaderEntry() {
        return LoaderRegistry.named(loader);
    }

    /** One line for summaries: every field that decides the cost. */
    public String settings() {
        return "read=" + read.name().toLowerCase() + " fetch=" + fetch.name().toLowerCase() + " loader=" + loader
                + " chunk-size=" + chunkSize + " fetch-size=" + fetchSize
                + (jdbc.isEmpty() ? "" : " jdbc=" + new TreeMap<>(jdbc));
    }

    public static final class Builder {
        private final String name;
        private String loader;
        private String description = "";
        private ReadMode read = ReadMode.STREAM;
        private Fetch fetch = Fetch.JOIN;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private long maxEvents = Long.MAX_VALUE;
        private Map<String, String> jdbc = Map.of();
        private boolean overlap;
        private WorkerDesign workersDesign = WorkerDesign.DEFAULT;

        private Builder(String name, String loader) {
            this.name = name;
            this.loader = loader;
        }

        public Builder loader(String value) {
            this.loader = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder read(ReadMode value) {
            this.read = value;
            return this;
        }

        public Builder fetch(Fetch value) {
            this.fetch = value;
            return this;
        }

        public Builder chunkSize(int value) {
            this.chunkSize = positive("chunk size", value);
            return this;
        }

        public Builder fetchSize(int value) {
            this.fetchSize = positive("fetch size", value);
            return this;
        }

        public Builder maxEvents(long value) {
            this.maxEvents = positive("maxEvents", value);
            return this;
        }

        public Builder jdbc(Map<String, String> value) {
            this.jdbc = Map.copyOf(value);
            return this;
        }

        public Builder overlap(boolean value) {
            this.overlap = value;
            return this;
        }

        public Builder workersDesign(WorkerDesign value) {
            this.workersDesign = value;
            return this;
        }

        /** @throws UsageException for a loader name that is not in {@link LoaderRegistry}, listing the valid ones */
        public ProcessorConfig build() {
            LoaderRegistry.named(loader);
            return new ProcessorConfig(name, description, read, fetch, loader, chunkSize, fetchSize, maxEvents, jdbc, overlap,
                    workersDesign);
        }

        private static <N extends Number> N positive(String what, N value) {
            if (value.longValue() < 1) {
                throw new UsageException(what + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}

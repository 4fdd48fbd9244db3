package org.etlworkshop.bench;

import org.etlworkshop.load.ChunkedLoader;
import org.etlworkshop.load.StatelessLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The batched Hibernate loaders on a real PostgreSQL, by chunk/batch size and with pgjdbc's
 * {@code reWriteBatchedInserts} off and on. One operation is one event; each invocation loads
 * {@value LoaderDatabase#EVENTS} events of {@code medium} into an emptied table.
 * Run: {@code mvn -P jmh compile exec:exec -Djmh.args="BatchLoaderBenchmark"}.
 * What the committed run shows ({@code profiles/jmh/loaders.json}, 5 iterations): on localhost the
 * batch size matters little between 100 and 10000 (42k to 47k events/s without rewriting, no
 * consistent order within the error bars); rewriting the batches into multi-row INSERTs is what
 * counts, 1.4 to 1.8x (60k to 81k events/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class BatchLoaderBenchmark extends LoaderBenchmark {
    @Param({"100", "1000", "10000"})
    int chunkSize;

    @Param({"false", "true"})
    boolean reWriteBatchedInserts;

    @Override
    protected boolean reWriteBatchedInserts() {
        return reWriteBatchedInserts;
    }

    @Benchmark
    @OperationsPerInvocation(LoaderDatabase.EVENTS)
    public long chunked() {
        return ChunkedLoader.sequenceKeyed(chunkSize).load(database.events.stream().map(LoaderDatabase::entity).iterator(),
                database.target());
    }

    @Benchmark
    @OperationsPerInvocation(LoaderDatabase.EVENTS)
    public long stateless() {
        return new StatelessLoader(chunkSize).load(database.events.stream().map(LoaderDatabase::entity).iterator(),
                database.target());
    }
}

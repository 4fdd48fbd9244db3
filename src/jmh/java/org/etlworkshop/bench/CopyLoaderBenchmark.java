package org.etlworkshop.bench;

import org.etlworkshop.load.CopyBinaryIndexesAfterLoader;
import org.etlworkshop.load.CopyBinaryLoader;
import org.etlworkshop.load.CopyLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The COPY loaders on a real PostgreSQL: text against binary format, and binary with the secondary
 * indexes built after the COPY; same events, same emptied table. One operation is one event. Run: {@code mvn -P jmh compile exec:exec -Djmh.args="CopyLoaderBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CopyLoaderBenchmark extends LoaderBenchmark {
    @Benchmark
    @OperationsPerInvocation(LoaderDatabase.EVENTS)
    public long text() {
        return new CopyLoader().load(database.events.iterator(), database.target());
    }

    @Benchmark
    @OperationsPerInvocation(LoaderDatabase.EVENTS)
    public long binary() {
        return new CopyBinaryLoader().load(database.events.iterator(), database.target());
    }

    @Benchmark
    @OperationsPerInvocation(LoaderDatabase.EVENTS)
    public long binaryIndexesAfter() {
        return new CopyBinaryIndexesAfterLoader().load(database.events.iterator(), database.target());
    }
}

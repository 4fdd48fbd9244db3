package org.etlworkshop.bench;

import org.etlworkshop.db.CopyIn;
import org.etlworkshop.load.EventColumns;
import org.etlworkshop.transform.EventRow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The client side of the COPY loaders alone: encoding events into COPY text and binary as pgjdbc
 * would pull them, with no database. One operation is one event ({@value #EVENTS} per invocation),
 * so {@code -prof gc}'s {@code gc.alloc.rate.norm} is the allocation per event of each encoder.
 * Run: {@code mvn -P jmh compile exec:exec -Djmh.args="CopyEncodingBenchmark -prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CopyEncodingBenchmark {
    static final int EVENTS = 10_000;
    private List<EventRow> events;
    private final byte[] buffer = new byte[64 * 1024];

    @Setup
    public void load() {
        List<EventRow> all = SampleEvents.events();
        events = all.subList(0, EVENTS);
    }

    /** Reads the whole encoded stream as pgjdbc does, in 64 KiB reads; returns the bytes, so nothing is dead code. */
    private long drain(InputStream stream) throws IOException {
        long total = 0;
        for (int n; (n = stream.read(buffer, 0, buffer.length)) > 0; ) {
            total += n;
        }
        return total;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long text() throws IOException {
        long[] id = {0};
        return drain(CopyIn.textStream(events.iterator(), (e, row) -> EventColumns.text(++id[0], e, row)));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long binary() throws IOException {
        long[] id = {0};
        return drain(CopyIn.binaryStream(EventColumns.COUNT, events.iterator(), (e, row) -> EventColumns.binary(++id[0], e, row)));
    }
}

package org.etlworkshop.bench;

import org.etlworkshop.extract.SourceSubmission;
import org.etlworkshop.transform.EventFactory;
import org.etlworkshop.transform.Transformer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How fast the transformer turns one submission's raw JSON (as read from the jsonb column) into its
 * events, as entities or as rows. One operation is one submission; the {@code events} counter gives
 * events per second. Run: {@code mvn -P jmh compile exec:exec -Djmh.args="TransformBenchmark -prof gc"}.
 * Expect rows and entities to cost the same: the JSON walk dominates, not the object built per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransformBenchmark {
    private List<SourceSubmission> submissions;
    private final Transformer transformer = new Transformer(Instant.parse("2026-11-23T12:00:00Z"));
    private int next;

    /** Events produced, reported by JMH as a rate next to the submissions per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    @Setup
    public void load() {
        submissions = SampleEvents.submissions();
    }

    private SourceSubmission nextSubmission() {
        SourceSubmission s = submissions.get(next);
        next = next + 1 == submissions.size() ? 0 : next + 1;
        return s;
    }

    @Benchmark
    public void toRows(Events counter, Blackhole sink) {
        try {
            var events = transformer.transform(nextSubmission(), EventFactory.ROWS);
            counter.events += events.size();
            sink.consume(events);
        } catch (Transformer.RejectedSubmission e) {
            sink.consume(e);
        }
    }

    @Benchmark
    public void toEntities(Events counter, Blackhole sink) {
        try {
            var events = transformer.transform(nextSubmission(), EventFactory.ENTITIES);
            counter.events += events.size();
            sink.consume(events);
        } catch (Transformer.RejectedSubmission e) {
            sink.consume(e);
        }
    }
}

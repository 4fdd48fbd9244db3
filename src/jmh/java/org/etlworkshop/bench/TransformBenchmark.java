package org.etlworkshop.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.core.JsonParseException;

/**
 * How fast the transformer turns one submission's answers into its events: from the raw JSON text
 * (as read from the jsonb column), as rows or as entities, and from JSON already parsed into a
 * Jackson tree, which leaves only the walk along the form's schema and the event building.
 * {@code parseOnly} is the character-level parse alone. One operation is one submission; the
 * {@code events} counter gives events per second.
 * Run: {@code mvn -P jmh compile exec:exec -Djmh.args="TransformBenchmark -prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransformBenchmark {
    private static final JsonFactory JSON = new JsonFactory();
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

    private List<JsonNode> parsed;

    @Setup
    public void load() throws IOException {
        submissions = SampleEvents.submissions();
        ObjectMapper mapper = new ObjectMapper();
        parsed = new ArrayList<>();
        for (SourceSubmission s : submissions) {
            JsonNode tree;
            try {
                tree = mapper.readTree(s.responsesJson());
            } catch (IOException malformed) { // some submissions are malformed on purpose
                tree = mapper.nullNode();
            }
            parsed.add(tree);
        }
    }

    private SourceSubmission nextSubmission() {
        return submissions.get(advance());
    }

    private int advance() {
        int current = next;
        next = next + 1 == submissions.size() ? 0 : next + 1;
        return current;
    }

    @Benchmark
    public void toRows(Events counter, Blackhole sink) {
        try {
            var events = transformer.transform(nextSubmission(), EventFactory.ROWS, rejected -> { });
            counter.events += events.size();
            sink.consume(events);
        } catch (Transformer.RejectedSubmission e) {
            sink.consume(e);
        }
    }

    @Benchmark
    public void toEntities(Events counter, Blackhole sink) {
        try {
            var events = transformer.transform(nextSubmission(), EventFactory.ENTITIES, rejected -> { });
            counter.events += events.size();
            sink.consume(events);
        } catch (Transformer.RejectedSubmission e) {
            sink.consume(e);
        }
    }

    @Benchmark
    public void fromParsedTreeToRows(Events counter, Blackhole sink) {
        int i = advance();
        try {
            var events = transformer.transform(submissions.get(i), parsed.get(i).traverse(), EventFactory.ROWS, rejected -> { });
            counter.events += events.size();
            sink.consume(events);
        } catch (Transformer.RejectedSubmission e) {
            sink.consume(e);
        }
    }

    @Benchmark
    public void parseOnly(Blackhole sink) throws IOException {
        try (JsonParser parser = JSON.createParser(nextSubmission().responsesJson())) {
            int tokens = 0;
            while (parser.nextToken() != null) {
                tokens++;
            }
            sink.consume(tokens);
        } catch (JsonParseException malformed) {
            sink.consume(malformed);
        }
    }
}

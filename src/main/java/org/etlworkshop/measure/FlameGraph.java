package org.etlworkshop.measure;

import one.profiler.AsyncProfiler;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A flame graph of the measured run by async-profiler, loaded into this JVM from its Maven jar.
 * {@code cpu} shows where time goes; {@code alloc} where memory is allocated. Where the platform
 * refuses (no native library for it, perf events forbidden), it says so and the run goes on.
 */
public final class FlameGraph implements RunRecording {
    public enum Kind { CPU, ALLOC }

    private final AsyncProfiler profiler;
    private final String note;

    private FlameGraph(AsyncProfiler profiler, String note) {
        this.profiler = profiler;
        this.note = note;
    }

    /** Starts profiling, or returns the reason it cannot. */
    public static Optional<FlameGraph> start(Kind kind, Consumer<String> warn) {
        AsyncProfiler profiler;
        try {
            profiler = AsyncProfiler.getInstance();
        } catch (Throwable e) { // UnsatisfiedLinkError and friends: no library for this platform
            warn.accept("no flame graph: async-profiler cannot load on this platform (" + e.getMessage() + ")");
            return Optional.empty();
        }
        String event = kind == Kind.ALLOC ? "alloc" : "cpu";
        try {
            profiler.execute("start,event=" + event + ",interval=" + (kind == Kind.ALLOC ? "512k" : "1ms"));
            return Optional.of(new FlameGraph(profiler, ""));
        } catch (Exception e) {
            if (kind == Kind.ALLOC) {
                warn.accept("no flame graph: async-profiler refused allocation profiling (" + e.getMessage() + ")");
                return Optional.empty();
            }
        }
        try {
            // perf_events are often forbidden in containers; interval timers work everywhere.
            profiler.execute("start,event=itimer,interval=1ms");
            return Optional.of(new FlameGraph(profiler, " (perf events not allowed here: sampled with itimer)"));
        } catch (Exception e) {
            warn.accept("no flame graph: async-profiler could not start (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    @Override
    public String stopAndWrite(Path file) {
        try {
            profiler.execute("stop,file=" + file.toAbsolutePath() + ",title=etl run");
            return "flame graph: " + file + note;
        } catch (Exception e) {
            return "flame graph could not be written to " + file + ": " + e.getMessage();
        }
    }
}

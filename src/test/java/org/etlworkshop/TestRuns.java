package org.etlworkshop;

import org.etlworkshop.db.Databases;
import org.etlworkshop.pipeline.Pipeline;
import org.etlworkshop.pipeline.ProcessRun;
import org.etlworkshop.pipeline.RunOptions;
import org.etlworkshop.pipeline.ProcessorCatalog;
import org.etlworkshop.pipeline.ProcessorConfig;
import org.etlworkshop.pipeline.RunResult;

import java.util.List;
import java.util.function.UnaryOperator;

/** Runs processors the way {@code etl process} does, against the test server. */
public final class TestRuns {
    public static final ProcessorCatalog CATALOG = ProcessorCatalog.shipped();

    private TestRuns() {
    }

    public static List<String> processors() {
        return CATALOG.names();
    }

    public static RunResult run(String scenario, String processor) {
        return run(scenario, CATALOG.get(processor));
    }

    public static RunResult run(String scenario, ProcessorConfig config) {
        return ProcessRun.on(TestDatabase.server(), scenario).execute(config);
    }

    /** With the run's options changed, e.g. {@code run -> run.measureRetainedHeap(true)}. */
    public static RunResult run(String scenario, ProcessorConfig config, UnaryOperator<RunOptions.Builder> options) {
        return ProcessRun.on(TestDatabase.server(), scenario, options.apply(RunOptions.builder()).build()).execute(config);
    }

    /** A variant of the processor's pipeline, e.g. one whose loader fails half-way. */
    public static RunResult run(String scenario, ProcessorConfig config, Pipeline<?> pipeline) {
        return ProcessRun.on(TestDatabase.server(), scenario).execute(config, pipeline);
    }

    /** The rows the last run of a scenario wrote. */
    public static List<String> events(String scenario, String columns) {
        return TestDatabase.rows(Databases.runName(scenario),
                "select " + columns + " from dwh.response_events order by " + columns);
    }
}

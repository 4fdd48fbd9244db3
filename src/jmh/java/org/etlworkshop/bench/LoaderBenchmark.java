package org.etlworkshop.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.SQLException;

/**
 * What the loader benchmarks share: one embedded database per trial, and an emptied table before
 * every invocation, so each load starts where a run starts (emptying it is not measured).
 */
@State(Scope.Benchmark)
public abstract class LoaderBenchmark {
    protected LoaderDatabase database;

    /** pgjdbc's reWriteBatchedInserts for the trial's pool; only the batched loaders vary it. */
    protected boolean reWriteBatchedInserts() {
        return false;
    }

    @Setup(Level.Trial)
    public void start() {
        database = new LoaderDatabase(reWriteBatchedInserts());
    }

    @Setup(Level.Invocation)
    public void empty() throws SQLException {
        database.emptyTable();
    }

    @TearDown(Level.Trial)
    public void stop() {
        database.close();
    }
}

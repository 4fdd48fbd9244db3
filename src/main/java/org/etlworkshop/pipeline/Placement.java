package org.etlworkshop.pipeline;

import org.etlworkshop.db.CitusFigures;

import javax.sql.DataSource;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Where the warehouse lives: on one server ({@link OneServer}), or spread over a Citus cluster by the
 * submission's id ({@link Distributed}, {@code --distributed}). Chosen once, in
 * {@link RunOptions#placementOn}; the publish modes, worker designs and loaders are the same on both:
 * only where a table's rows go, and what the run can report about it, differ.
 */
interface Placement {
    /** Makes the run database ready before the run opens its pool (not timed). */
    void prepare(String database);

    /** A new table made for {@code liveTable} (a stage), placed like it: nothing more on one server, colocated shards on a cluster. */
    void placeLike(Statement statement, String table, String liveTable) throws SQLException;

    /** The postmasters of the nodes besides the one the run connects to, on this machine: their CPU is the run's too. */
    List<Long> otherPostmasters(String database);

    /** The coordinator's traffic to the workers so far, where there are workers. */
    Optional<CitusFigures.Traffic> traffic(DataSource pool);

    /** What {@code eventsTable} holds on each node, where there are nodes. */
    Optional<RunResult.Distribution> distribution(DataSource pool, String eventsTable, Optional<CitusFigures.Traffic> trafficBefore);
}

package org.etlworkshop.move;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How the parts of an {@code etl import --workers N}, each loaded in its own worker's transaction,
 * become visible all together or not at all. Chosen once per import by
 * {@link #forTarget}, before anything is loaded, from what the destination is:
 * <ul>
 *   <li>{@link PreparedWorkers}: one server: once every worker has loaded its part, all their
 *       transactions are prepared, the decision written, then all committed (a client-side
 *       two-phase commit);</li>
 *   <li>{@link ColocatedStage}: a Citus table, where a client-side {@code PREPARE TRANSACTION} over
 *       shards on several nodes is refused: the workers load a stage table placed like the target
 *       and commit as they finish, then one distributed statement moves it into the target (Citus
 *       commits across its nodes itself).</li>
 * </ul>
 */
interface AllOrNothing {
    /** What the workers write into: the target itself, or the stage. */
    ImportMethod.Into into(ImportMethod.Into target);

    /** Worker {@code number} (1-based) has loaded its part in its open transaction. */
    void workerDone(Connection worker, int number) throws SQLException;

    /** Every worker is done (their connections, by number): their parts become visible together. */
    void publish(Connection coordinator, List<Connection> workers) throws SQLException;

    /** The import stopped: nothing of it becomes visible, and nothing of it is left behind where that can be helped. */
    void abandon(Connection coordinator);

    /** The design for this target, or a usage error naming the target when none keeps it all or nothing. */
    static AllOrNothing forTarget(Connection coordinator, TableColumns table, int workers) throws SQLException {
        return ColocatedStage.isCitusTarget(coordinator, table) ? ColocatedStage.create(coordinator, table)
                : PreparedWorkers.begin(coordinator, workers);
    }
}

package org.etlworkshop.move;

import org.etlworkshop.db.TwoPhaseCommit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * All or nothing on one server: no worker prepares on its own. Once every worker has loaded its
 * part, all their transactions are {@code PREPARE}d, the decision to commit is written (itself a
 * prepared transaction), and all are committed ({@link TwoPhaseCommit}). A worker prepared while
 * another still loaded could be left, by a kill, as a partial set that nobody can finish rightly;
 * this way a run killed between any two steps is finished by the next import (committed only when
 * the decision is there, rolled back otherwise).
 */
final class PreparedWorkers implements AllOrNothing {
    private final TwoPhaseCommit commit;

    private PreparedWorkers(TwoPhaseCommit commit) {
        this.commit = commit;
    }

    static PreparedWorkers begin(Connection coordinator, int workers) throws SQLException {
        return new PreparedWorkers(TwoPhaseCommit.begin(coordinator, Importer.PREPARED_PREFIX, workers));
    }

    @Override
    public ImportMethod.Into into(ImportMethod.Into target) {
        return target;
    }

    @Override
    public void workerDone(Connection worker, int number) {
        // its transaction stays open: prepared only with the others, in publish
    }

    @Override
    public void publish(Connection coordinator, List<Connection> workers) throws SQLException {
        commit.commitAll(coordinator, workers);
    }

    @Override
    public void abandon(Connection coordinator) {
        commit.abandon(coordinator);
    }
}

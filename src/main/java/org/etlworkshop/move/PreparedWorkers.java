package org.etlworkshop.move;

import org.etlworkshop.db.TwoPhaseCommit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * All or nothing on one server: each worker's transaction is {@code PREPARE}d when its part is
 * loaded, and only when every one is prepared are they committed ({@link TwoPhaseCommit}; a run
 * killed between the phases is finished by the next import, from the phase its ids show).
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
    public void workerDone(Connection worker, int number) throws SQLException {
        commit.prepare(worker, number);
    }

    @Override
    public void publish(Connection coordinator) throws SQLException {
        commit.commitAll(coordinator);
    }

    @Override
    public void abandon(Connection coordinator) {
        commit.rollbackPrepared(coordinator);
    }
}

package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.Databases;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code --publish replace}, the workshop's classic run: a fresh copy of the template, its live
 * table loaded in place in one transaction, which the loader has committed by now. Readers of the
 * live table would wait for the load; nothing is left to publish but the run's success.
 */
final class ReplacePublisher implements Publisher {
    @Override
    public String database(Databases databases, String scenario) {
        return databases.createRunDatabase(scenario);
    }

    @Override
    public boolean loadsAStage() {
        return false;
    }

    @Override
    public Optional<Published> publish(RunPlan plan, DataSource pool, RunTotals totals) {
        try (Connection c = pool.getConnection()) {
            RunLog.succeeded(c, plan, totals.read.get(), totals.written.get(), totals.rejections.size());
        } catch (SQLException e) {
            throw new EtlException("the data is loaded, but the run log could not be written: " + e.getMessage(), e);
        }
        return Optional.empty();
    }
}

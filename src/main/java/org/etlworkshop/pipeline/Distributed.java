package org.etlworkshop.pipeline;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.CitusCluster;
import org.etlworkshop.db.CitusFigures;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * {@code --distributed}: the warehouse spread over a Citus cluster by the submission's id
 * ({@code distributed.sql}). The source's submissions, the events and the rejections are colocated:
 * a submission's rows share one shard on one worker, so a stage table made colocated with the live
 * one keeps every publish local to each worker: the staged swap's renames (Citus renames every shard
 * in the same distributed transaction), the incremental delete-and-insert (routed by
 * {@code submission_id}, run on all workers at once), the resume's clearing of a chunk. Forms and
 * users are reference tables, copied to every node, so the extract's joins stay on one worker too.
 * Citus commits across nodes itself, so no client-side two-phase commit is ever needed here.
 *
 * <p>The loaders are the same: a {@code COPY} into the coordinator is split by Citus into one stream
 * per shard, a batch of multi-row {@code INSERT}s into one statement per shard it touches, a single
 * {@code INSERT} routed to its shard's worker. What each run sent to which node is read back from the
 * shards ({@link CitusFigures}).
 */
final class Distributed implements Placement {
    private final CitusCluster cluster;

    Distributed(CitusCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void prepare(String database) {
        cluster.distribute(database);
    }

    @Override
    public void placeLike(Statement statement, String table, String liveTable) throws SQLException {
        CitusCluster.colocate(statement.getConnection(), table, "submission_id", liveTable);
    }

    @Override
    public List<Long> otherPostmasters(String database) {
        return cluster.localWorkerPostmasters(database);
    }

    @Override
    public Optional<CitusFigures.Traffic> traffic(DataSource pool) {
        try (Connection c = pool.getConnection()) {
            return CitusFigures.traffic(c);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<RunResult.Distribution> distribution(DataSource pool, String eventsTable, Optional<CitusFigures.Traffic> trafficBefore) {
        try (Connection c = pool.getConnection()) {
            Optional<CitusFigures.Traffic> traffic = trafficBefore.flatMap(before -> CitusFigures.traffic(c).map(t -> t.minus(before)));
            return Optional.of(new RunResult.Distribution(CitusFigures.rowsPerNode(c, eventsTable), traffic));
        } catch (SQLException e) {
            throw new EtlException("cannot count the events per Citus node: " + e.getMessage(), e);
        }
    }
}

package org.etlworkshop.load;

import org.etlworkshop.EtlException;
import org.etlworkshop.transform.Rejection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The submissions a run set aside, with their reasons, in {@code dwh.rejected_submissions}. */
public final class RejectionLog {
    private RejectionLog() {
    }

    public static void record(DataSource dataSource, List<Rejection> rejections, Instant processedOn) {
        if (rejections.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO dwh.rejected_submissions (submission_id, processed_on, reason) VALUES (?, ?, ?)")) {
            for (Rejection rejection : rejections) {
                insert.setObject(1, rejection.submissionId());
                insert.setObject(2, processedOn.atOffset(ZoneOffset.UTC));
                insert.setString(3, rejection.reason());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new EtlException("could not record the rejected submissions: " + e.getMessage(), e);
        }
    }
}

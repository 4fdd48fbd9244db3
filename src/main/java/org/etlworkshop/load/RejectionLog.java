package org.etlworkshop.load;

import org.etlworkshop.EtlException;
import org.etlworkshop.model.Timestamptz;
import org.etlworkshop.transform.Rejection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What a run set aside, with the reasons: whole submissions in {@code dwh.rejected_submissions},
 * answers that do not fit their question's type in {@code dwh.rejected_answers}.
 */
public final class RejectionLog {
    private RejectionLog() {
    }

    public static void record(DataSource dataSource, EventTables tables, List<Rejection> rejections, Instant processedOn) {
        if (rejections.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement submissions = connection.prepareStatement(
                     "INSERT INTO " + tables.rejectedSubmissions() + " (submission_id, processed_on, reason) VALUES (?, ?, ?)");
             PreparedStatement answers = connection.prepareStatement("INSERT INTO " + tables.rejectedAnswers() + " "
                     + "(submission_id, schema_path, value, processed_on, reason) VALUES (?, ?, ?, ?, ?)")) {
            for (Rejection rejection : rejections) {
                if (rejection.isWholeSubmission()) {
                    submissions.setObject(1, rejection.submissionId());
                    submissions.setObject(2, Timestamptz.toOffsetDateTime(processedOn));
                    submissions.setString(3, rejection.reason());
                    submissions.addBatch();
                } else {
                    answers.setObject(1, rejection.submissionId());
                    answers.setString(2, rejection.schemaPath());
                    answers.setString(3, rejection.value());
                    answers.setObject(4, Timestamptz.toOffsetDateTime(processedOn));
                    answers.setString(5, rejection.reason());
                    answers.addBatch();
                }
            }
            submissions.executeBatch();
            answers.executeBatch();
        } catch (SQLException e) {
            throw new EtlException("could not record the rejections: " + e.getMessage(), e);
        }
    }
}

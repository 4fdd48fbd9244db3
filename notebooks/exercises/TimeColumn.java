import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalTime;

/**
 * Lesson 5's Java exercise: a column type the binary COPY encoder (src/main/java/org/etlworkshop/db/CopyBinaryRow.java)
 * does not have: {@code time} (without time zone).
 *
 * <p>A binary COPY field is its length in bytes (a 32-bit int), then its bytes in the server's internal form. For
 * {@code time} that form is the microseconds since midnight as a 64-bit int. Write the field (the harness
 * notebooks/java/TimesCopyFile.java writes the rest of the file; the check loads it into PostgreSQL).
 */
public final class TimeColumn {
    public static void write(DataOutputStream out, LocalTime value) throws IOException {
        throw new UnsupportedOperationException("TimeColumn.write: write the field's length, then its bytes");
    }
}

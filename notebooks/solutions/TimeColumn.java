import java.io.DataOutputStream;
import java.io.IOException;
import java.time.LocalTime;

/** Lesson 5's Java exercise, solved: {@code time} in binary COPY is 8 bytes, the microseconds since midnight. */
public final class TimeColumn {
    public static void write(DataOutputStream out, LocalTime value) throws IOException {
        out.writeInt(8);
        out.writeLong(value.toNanoOfDay() / 1000);
    }
}

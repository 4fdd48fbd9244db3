import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.time.LocalTime;

/**
 * Lesson 5's harness for its Java exercise: writes a binary COPY file of rows (id int, t time), the time field
 * written by the exercise's {@code TimeColumn.write}. Usage: {@code java TimesCopyFile FILE 12:34:56.789 ...}.
 */
public final class TimesCopyFile {
    /** "PGCOPY\n\377\r\n\0", then flags and header-extension length, both 0, as db/CopyBinaryRow writes it. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    public static void main(String[] args) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(args[0])))) {
            out.write(HEADER);
            for (int i = 1; i < args.length; i++) {
                out.writeShort(2);  // two fields
                out.writeInt(4);    // id: int, 4 bytes
                out.writeInt(i);
                TimeColumn.write(out, LocalTime.parse(args[i]));
            }
            out.writeShort(-1);     // the trailer
        }
    }
}

package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * pgloader's shape: every rejected row verbatim in {@code <name>.rejects} (one after another, each
 * followed by a newline), and in {@code <name>.rejects.log} its line number and the reason, the
 * server's own message where the server refused it. Files are created at the first reject only.
 */
final class Rejects implements AutoCloseable {
    private final Path data;
    private final Path log;
    private final long max;
    private final String unit;
    private OutputStream dataOut;
    private BufferedWriter logOut;
    private long count;
    private final List<Reject> pending = new ArrayList<>();

    private record Reject(long line, byte[] raw, String reason) {
    }

    /**
     * @param max how many rejects are tolerated; the next one fails the import. The files an earlier
     *            import of the same source left are removed now: a clean run leaves none beside a
     *            summary that says 0 rejected. A symbolic link, a FIFO or a device in their place is
     *            left as it is and written through, as {@code etl export} writes through them.
     */
    Rejects(Path directory, String sourceName, long max) {
        this(directory, sourceName, max, "line");
    }

    /** @param unit what a position counts in the log: "line" of a file, "row" of a query's result */
    Rejects(Path directory, String sourceName, long max, String unit) {
        this.data = directory.resolve(sourceName + ".rejects");
        this.log = directory.resolve(sourceName + ".rejects.log");
        this.max = max;
        this.unit = unit;
        try {
            for (Path earlier : List.of(data, log)) {
                if (Files.isRegularFile(earlier, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(earlier);
                }
            }
        } catch (IOException e) {
            // before anything is read: a place the rejects cannot go is said now, not after the load
            throw new EtlException("cannot write the rejects to " + data + " (" + IoErrors.describe(e) + "); nothing was loaded", e);
        }
    }

    long max() {
        return max;
    }

    /**
     * Records one; throws {@link TooMany} when that makes more than {@link #max()}. Kept until
     * {@link #flush()}, so a batch's rejects reach the files in source order, whether the importer
     * or the server found them.
     */
    synchronized void add(long line, String raw, String reason) {
        add(line, raw.getBytes(StandardCharsets.UTF_8), reason);
    }

    /** The same, for a row whose bytes are not text (invalid UTF-8): they are written as they came. */
    synchronized void add(long line, byte[] raw, String reason) {
        count++;
        if (count > max) {
            throw new TooMany(line, reason);
        }
        pending.add(new Reject(line, raw, reason));
    }

    /**
     * Writes the rejects recorded since the last flush, by line, through to the files: called before
     * an import commits, so a rejects file that cannot be written fails the import while it can still
     * roll back.
     */
    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        pending.sort(Comparator.comparingLong(Reject::line));
        for (Reject r : pending) {
            write(r.line(), r.raw(), r.reason());
        }
        pending.clear();
        try {
            dataOut.flush();
            logOut.flush();
        } catch (IOException e) {
            throw new EtlException("cannot write the rejects to " + data + ": " + IoErrors.describe(e), e);
        }
    }

    private void write(long line, byte[] raw, String reason) {
        try {
            if (dataOut == null) {
                Files.createDirectories(data.toAbsolutePath().getParent());
                dataOut = new BufferedOutputStream(Files.newOutputStream(data), 1 << 16);
                logOut = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
            }
            dataOut.write(raw);
            dataOut.write('\n');
            logOut.write(unit + " " + line + ": " + reason.replace('\n', ' ') + "\n");
        } catch (IOException e) {
            throw new EtlException("cannot write the rejects to " + data + ": " + IoErrors.describe(e), e);
        }
    }

    synchronized long count() {
        return Math.min(count, max);
    }

    Path dataFile() {
        return data;
    }

    Path logFile() {
        return log;
    }

    @Override
    public synchronized void close() {
        flush();
        try {
            if (dataOut != null) {
                dataOut.close();
                logOut.close();
            }
        } catch (IOException e) {
            throw new EtlException("cannot write the rejects to " + data + ": " + IoErrors.describe(e), e);
        }
    }

    /** More bad rows than {@code --max-rejects} allows: the import stops and rolls back. */
    static final class TooMany extends RuntimeException {
        final long line;
        final String reason;

        TooMany(long line, String reason) {
            super(reason, null, false, false);
            this.line = line;
            this.reason = reason;
        }
    }
}

package org.etlworkshop.move;

import org.etlworkshop.EtlException;
import org.etlworkshop.UsageException;
import org.etlworkshop.concurrent.WorkerCount;
import org.etlworkshop.db.TwoPhaseCommit;
import org.postgresql.util.PSQLException;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code etl import}: a source's bytes straight into {@code COPY}, as they arrive. The source is
 * opened once and read as a stream (gzip recognised from its bytes, the {@link Format} from its
 * content and name); then one of two ways:
 * <ul>
 *   <li>{@link PassThrough}: with no reject to keep, {@code --method copy} and one worker, and a
 *       format the server reads, the bytes go to one {@code COPY} untouched, as with psql's {@code \copy};</li>
 *   <li>{@link RowImport}: otherwise rows are parsed one at a time into batches and each batch is
 *       written by the chosen {@link Method} (alone, or by {@link ParallelImport}'s workers).</li>
 * </ul>
 * Either way memory holds one batch whatever the size of the input, and no temporary file is
 * written. Atomic (but for {@code --method row}): a bad row beyond {@code --max-rejects}, a network
 * failure or a timeout rolls it all back and says how far it got.
 */
public final class Importer {
    /** Prepared-transaction ids of {@code --workers} imports start with this. */
    static final String PREPARED_PREFIX = TwoPhaseCommit.IMPORT_PREFIX;

    /** Rows per batch: one COPY command (or JDBC batch) each, and what one bad row costs to bisect. */
    static final int BATCH_ROWS = 10_000;
    /** A batch also ends at this many bytes of row text, so memory is bounded for wide rows too. */
    static final long BATCH_CHARS = 8L << 20;

    /** {@code --method}: each constant makes its {@link ImportMethod} class. */
    public enum Method {
        /** COPY FROM STDIN, one command per batch (the default). */
        COPY(CopyRows::new, true),
        /** JDBC batches with reWriteBatchedInserts. */
        BATCH(BatchedInserts::new, true),
        /** One INSERT and one commit per row: the one method that is not atomic. */
        ROW(RowByRow::new, false);

        private final Function<ImportMethod.Into, ImportMethod> method;
        private final boolean atomic;

        Method(Function<ImportMethod.Into, ImportMethod> method, boolean atomic) {
            this.method = method;
            this.atomic = atomic;
        }

        ImportMethod create(ImportMethod.Into into) {
            return method.apply(into);
        }

        /** Whether the import stays one transaction, all or nothing; otherwise each row is committed as it goes. */
        boolean atomic() {
            return atomic;
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Method named(String name) {
            return Arrays.stream(values()).filter(m -> m.cliName().equals(name.toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new UsageException("unknown --method '" + name + "'; valid: "
                            + Arrays.stream(values()).map(Method::cliName).collect(Collectors.joining(", "))));
        }
    }

    /**
     * An import's options, validated when built: a bad value or combination is refused before anything moves.
     *
     * @param format       null to detect it
     * @param maxRejects   bad rows tolerated (0: the first one fails the import)
     * @param rejectsDir   where {@code <source>.rejects} and {@code .rejects.log} go
     * @param retainedHeap a full GC when the last row has been read, to measure what the import holds
     * @param workers      loading connections, all committing or none
     */
    public record Options(Format format, List<ColumnMappingSpec> maps, List<String> where, Method method,
                          long maxRejects, Path rejectsDir, boolean retainedHeap, int workers, long maxLineBytes) {

        /** The longest line (a CSV record with its quoted line breaks) an import holds, unless {@code --max-line-bytes} says. */
        public static final long DEFAULT_MAX_LINE_BYTES = 16L << 20;

        public Options {
            if (maxRejects < 0) {
                throw new UsageException("--max-rejects must be 0 or more");
            }
            if (maxLineBytes < 1 || maxLineBytes > Integer.MAX_VALUE - 16) {
                throw new UsageException("--max-line-bytes must be 1 to 2,147,483,631");
            }
            WorkerCount.checked(workers, "--workers", "loading connections");
            if (workers > 1 && !method.atomic()) {
                throw new UsageException("--workers needs an atomic method (copy or batch): --method row commits row by row");
            }
            if (format == Format.BINARY && !passesThrough(method, maxRejects, workers)) {
                throw binaryIsPassedThroughWhole();
            }
            maps.forEach(m -> ColumnMapping.parse(m.spec())); // refused now, not after the server started
            where.forEach(Filter::parse);
        }

        public Options(Format format, List<ColumnMappingSpec> maps, List<String> where, Method method,
                       long maxRejects, Path rejectsDir, boolean retainedHeap, int workers) {
            this(format, maps, where, method, maxRejects, rejectsDir, retainedHeap, workers, DEFAULT_MAX_LINE_BYTES);
        }

        public Options(Format format, List<ColumnMappingSpec> maps, List<String> where, Method method,
                       long maxRejects, Path rejectsDir, boolean retainedHeap) {
            this(format, maps, where, method, maxRejects, rejectsDir, retainedHeap, 1);
        }

        /**
         * With no reject to keep and COPY as the method, nothing needs the rows one by one: the
         * source's bytes can go to the server untouched and PostgreSQL parses them itself.
         */
        boolean serverCanParseItAll() {
            return passesThrough(method, maxRejects, workers);
        }

        private static boolean passesThrough(Method method, long maxRejects, int workers) {
            return maxRejects == 0 && method == Method.COPY && workers == 1;
        }

        List<ColumnMapping> mappings() {
            return maps.stream().map(m -> ColumnMapping.parse(m.spec())).toList();
        }

        List<Filter> filters() {
            return where.stream().map(Filter::parse).toList();
        }
    }

    static UsageException binaryIsPassedThroughWhole() {
        return new UsageException("a binary COPY source is passed through whole, with --method copy, no rejects and one "
                + "worker: the server takes all of it or none");
    }

    /** {@code --map} as given: checked when the options are built, parsed again when the import starts. */
    public record ColumnMappingSpec(String spec) {
    }

    /**
     * @param rowsFiltered lines left out by {@code --where}
     * @param retainedHeap live heap after a full GC once every row was read, when asked for
     * @param recovered    what was done with prepared transactions an interrupted {@code --workers} import left
     */
    public record Result(String source, String table, Format format, Method method, List<String> columns,
                         long rowsLoaded, long rowsRejected, long rowsFiltered, long bytesRead, Duration elapsed,
                         Optional<Path> rejectsFile, Optional<Path> rejectsLog, OptionalLong retainedHeap,
                         List<String> recovered) {
        public double rowsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds == 0 ? 0 : rowsLoaded / seconds;
        }
    }

    /** Rows and source bytes so far, and the source's size when known; called once per batch. */
    public interface Progress {
        Progress NONE = (rows, bytes, total) -> { };

        void update(long rows, long bytes, OptionalLong totalBytes);
    }

    private Importer() {
    }

    public static Result run(Source source, DataSource target, String table, Options options, Progress progress) {
        long start = System.nanoTime();
        try (Connection connection = target.getConnection()) {
            // An earlier --workers import killed between PREPARE and COMMIT PREPARED holds its locks until finished.
            connection.setAutoCommit(true);
            List<String> recovered = TwoPhaseCommit.recover(connection, PREPARED_PREFIX);
            TableColumns columns = TableColumns.of(connection, table);
            Streams.Counting counted;
            BufferedInputStream bytes;
            try {
                counted = new Streams.Counting(source.open());
                bytes = Streams.gunzipIfCompressed(counted);
            } catch (IOException e) {
                throw new EtlException("cannot read " + source.describe() + ": " + e.getMessage(), e);
            }
            try (InputStream closing = bytes; Rejects rejects = new Rejects(options.rejectsDir(), source.fileName(), options.maxRejects())) {
                Format format = options.format() != null ? options.format()
                        : Format.detect(source.fileName(), Streams.peek(bytes, Format.BINARY_SIGNATURE.length + 3));
                ImportRun run = new ImportRun(source, counted, columns, options, progress, rejects, recovered, start);
                if (format == Format.BINARY || (format.serverReads() && options.serverCanParseItAll())) {
                    return PassThrough.copy(run, connection, bytes, format);
                }
                return RowImport.load(run, connection, target,
                        format.reader(bytes, columns, options), format);
            } catch (IOException e) {
                throw new EtlException("cannot read " + source.describe() + ": " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new EtlException("cannot connect to the target database: " + e.getMessage(), e);
        }
    }

    /** What went wrong, in one line: the server's message, or the source's. */
    static String failure(Exception e) {
        if (e instanceof UncheckedIOException io) {
            return "the source failed: " + io.getCause().getMessage();
        }
        return e instanceof SQLException sql ? serverMessage(sql) : String.valueOf(e.getMessage());
    }

    /** The server's message in one line, e.g. {@code duplicate key value violates unique constraint "t_pkey"}. */
    static String serverMessage(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            var m = p.getServerErrorMessage();
            return m.getMessage() + (m.getDetail() == null ? "" : " (" + m.getDetail() + ")")
                    + (m.getWhere() == null || !m.getWhere().startsWith("COPY") ? "" : " [" + m.getWhere().lines().findFirst().orElse("") + "]");
        }
        if (e.getCause() instanceof IOException io) {
            return "the source failed: " + io.getMessage();
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}

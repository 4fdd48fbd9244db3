package org.etlworkshop.limit;

import org.etlworkshop.load.CeilingFamily;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code COPY dwh.response_events FROM STDIN}, the ready-made file's bytes sent by this JVM through
 * pgjdbc's {@code CopyManager}. A ceiling the server reads from a file runs in one process; a
 * streaming loader keeps the JVM and a backend busy on the same cores (and a second backend for its
 * extract query). This one has the loader's shape without its extract and encoding work: the
 * fairer ceiling for {@code copy} (text) and {@code copy-binary} (binary).
 */
final class StreamedCopy implements CeilingLoad {
    private final CeilingFamily family;
    private final ReadyRows.Format format;

    StreamedCopy(CeilingFamily family, ReadyRows.Format format) {
        this.family = family;
        this.format = format;
    }

    @Override
    public String name() {
        return family.streamedCeilingName().orElseThrow();
    }

    @Override
    public String method(ReadyRows rows) {
        return "COPY FROM STDIN of the " + (format == ReadyRows.Format.BINARY ? "binary" : "text")
                + "-format file, its bytes sent by the JVM through CopyManager";
    }

    @Override
    public void load(Connection connection, ReadyRows rows) throws SQLException, IOException {
        rows.copyFromStdin(connection, format);
    }
}

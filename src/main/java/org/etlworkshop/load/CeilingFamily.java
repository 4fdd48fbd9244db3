package org.etlworkshop.load;

import java.util.Optional;

/**
 * The way rows reach the server, which decides the fastest any loader of that way can go: a
 * loader is judged against the ceiling of its family, measured by {@code etl limit} on the same rows.
 */
public enum CeilingFamily {
    JDBC_BATCH("JDBC batch", null),
    TEXT_COPY("text COPY", "text COPY, streamed"),
    BINARY_COPY("binary COPY", "binary COPY, streamed"),
    BINARY_COPY_INDEXES_AFTER("binary COPY, indexes after", null);

    private final String ceilingName;
    private final String streamedCeilingName;

    CeilingFamily(String ceilingName, String streamedCeilingName) {
        this.ceilingName = ceilingName;
        this.streamedCeilingName = streamedCeilingName;
    }

    /**
     * The same COPY with the rows sent by the JVM through {@code CopyManager} instead of read by the
     * server from a file: a JVM and a backend sharing the cores, the process shape of a streaming
     * loader. Empty for JDBC batches (their ceiling is sent by the JVM already) and indexes-after.
     */
    public Optional<String> streamedCeilingName() {
        return Optional.ofNullable(streamedCeilingName);
    }

    /** The name of the ceiling that measures this family, as reports and ceiling files spell it. */
    public String ceilingName() {
        return ceilingName;
    }
}

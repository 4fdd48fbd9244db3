package org.etlworkshop.load;

/**
 * The way rows reach the server, which decides the fastest any loader of that way can go: a
 * loader is judged against the ceiling of its family, measured by {@code etl limit} on the same rows.
 */
public enum CeilingFamily {
    JDBC_BATCH("JDBC batch"),
    TEXT_COPY("text COPY"),
    BINARY_COPY("binary COPY"),
    BINARY_COPY_INDEXES_AFTER("binary COPY, indexes after");

    private final String ceilingName;

    CeilingFamily(String ceilingName) {
        this.ceilingName = ceilingName;
    }

    /** The name of the ceiling that measures this family, as reports and ceiling files spell it. */
    public String ceilingName() {
        return ceilingName;
    }
}

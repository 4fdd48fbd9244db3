package org.etlworkshop.load;

import org.etlworkshop.EtlException;
import org.etlworkshop.db.SingleValue;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Hands out event ids for loaders that bypass Hibernate, the same way Hibernate's pooled-lo
 * optimizer does: one {@code nextval} of a sequence that increments by {@value #BLOCK} reserves the
 * ids {@code [value, value + BLOCK)}. COPY and Hibernate loaders can then share the sequence without
 * ever colliding. It uses its own connection, because the loader's is busy streaming the COPY. Public for a loader
 * written outside this package (lesson 4's Java exercise, named {@code class:NAME} in a catalog).
 */
public final class IdBlocks {
    static final int BLOCK = 1000;

    private final DataSource dataSource;
    private long next;
    private long end;

    public IdBlocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long next() {
        if (next == end) {
            next = reserveBlock();
            end = next + BLOCK;
        }
        return next++;
    }

    private long reserveBlock() {
        try {
            return SingleValue.longOf(dataSource, "SELECT nextval('dwh.response_events_id_seq')");
        } catch (SQLException e) {
            throw new EtlException("cannot reserve event ids: " + e.getMessage(), e);
        }
    }
}

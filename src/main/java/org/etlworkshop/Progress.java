package org.etlworkshop;

/**
 * Long work reports how far it got; the CLI draws a progress bar from it. Implementations are
 * called from the hot path, so they must be as cheap as incrementing a counter.
 */
public interface Progress {
    Progress NONE = steps -> { };

    void advance(long steps);
}

package org.etlworkshop.concurrent;

import org.etlworkshop.EtlException;

/**
 * A worker's failure as another thread sees it: the thread that waited for the worker, or a
 * producer or consumer of a {@link BoundedHandoff} that stopped because someone failed. Its cause is
 * the first failure, as the worker threw it.
 */
public final class WorkerFailed extends RuntimeException {
    public WorkerFailed(Throwable cause) {
        super(cause.getMessage(), cause);
    }

    /** The worker's own exception when it was unchecked (its message and type kept), else one that says what it was. */
    public RuntimeException unwrapped() {
        return getCause() instanceof RuntimeException r ? r : new EtlException(getCause().getMessage(), getCause());
    }
}

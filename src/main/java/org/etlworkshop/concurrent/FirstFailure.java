package org.etlworkshop.concurrent;

import org.etlworkshop.EtlException;

/**
 * The first failure of a group of threads, as another of them sees it: the thread that waited for
 * the workers ({@link Futures}), or a producer or consumer of a {@link BoundedHandoff} that stopped
 * because someone else failed. Its cause is that failure, as it was thrown.
 */
public final class FirstFailure extends RuntimeException {
    public FirstFailure(Throwable cause) {
        super(cause.getMessage(), cause);
    }

    /** The failure itself when it was unchecked (its type and message kept), else an {@link EtlException} saying what it was. */
    public RuntimeException unwrapped() {
        return unchecked(getCause());
    }

    public static RuntimeException unchecked(Throwable failure) {
        return failure instanceof RuntimeException r ? r : new EtlException(String.valueOf(failure.getMessage()), failure);
    }
}

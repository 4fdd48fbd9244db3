package org.etlworkshop.concurrent;

import org.etlworkshop.EtlException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Waiting for workers: every one of them, and the first failure wins. */
public final class Futures {
    private Futures() {
    }

    /**
     * Waits for every future in order and returns their results. The first failure (in that order) is
     * handed to {@code stopTheOthers} at once, so the workers still running can stop early, and is
     * thrown as a {@link FirstFailure} once every worker has ended: no worker is left running behind
     * the caller's back (its connections, its transaction).
     */
    public static <T> List<T> all(List<? extends Future<T>> futures, Consumer<Throwable> stopTheOthers) {
        List<T> results = new ArrayList<>();
        Throwable first = null;
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                if (first == null) { // a worker stopped by another's failure carries that one
                    first = e.getCause() instanceof FirstFailure other ? other.getCause() : e.getCause();
                    stopTheOthers.accept(first);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                EtlException interrupted = new EtlException("interrupted while the workers ran");
                stopTheOthers.accept(interrupted);
                throw interrupted;
            }
        }
        if (first != null) {
            throw new FirstFailure(first);
        }
        return results;
    }
}

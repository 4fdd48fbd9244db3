package org.etlworkshop.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * One worker: this thread runs the pipeline over every chunk in turn, the workshop's classic run
 * when there is one chunk. The only design measured by stage and by retained heap: those measure
 * one thread.
 */
final class OneStream<E> implements Workers<E> {
    @Override
    public Outcome load(Passes<E> passes) {
        return new Outcome(List.of(passes.drain(passes.pipeline(), true)), Optional.empty(), Optional.empty());
    }
}

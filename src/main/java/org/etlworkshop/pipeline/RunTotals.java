package org.etlworkshop.pipeline;

import org.etlworkshop.transform.Rejection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A run's counts, which its chunks and workers add to. */
final class RunTotals {
    final AtomicLong read = new AtomicLong();
    final AtomicLong produced = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final List<Rejection> rejections = Collections.synchronizedList(new ArrayList<>());
}

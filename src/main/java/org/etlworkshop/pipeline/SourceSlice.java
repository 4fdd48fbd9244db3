package org.etlworkshop.pipeline;

import org.etlworkshop.model.Submission;
import org.etlworkshop.model.Timestamptz;
import org.hibernate.Session;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which submissions one pass of the pipeline reads: those changed in a window (an incremental run)
 * and those whose id falls in a range (one chunk of a checkpointed or parallel run). Applied as
 * Hibernate session filters ({@link Submission}), so every extractor reads its slice unchanged.
 *
 * @param changedAfter exclusive; with {@code changedUntil}, inclusive; empty: no window, every change is read
 * @param idFrom       inclusive; empty from the first id
 * @param idBelow      exclusive; empty to the last
 */
public record SourceSlice(Optional<OffsetDateTime> changedAfter, Optional<OffsetDateTime> changedUntil,
                          Optional<UUID> idFrom, Optional<UUID> idBelow) {

    public static final SourceSlice EVERYTHING = new SourceSlice(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    void applyTo(Session session) {
        // No made-up lower bound: none is below every value updated_at can hold (-infinity), and a
        // date before PostgreSQL's range fails the query.
        changedAfter.ifPresent(after -> session.enableFilter(Submission.CHANGED_IN).setParameter("after", Timestamptz.text(after))
                .setParameter("until", Timestamptz.text(changedUntil.orElse(OffsetDateTime.MAX))));
        idFrom.ifPresent(low -> session.enableFilter(Submission.ID_FROM).setParameter("low", low));
        idBelow.ifPresent(high -> session.enableFilter(Submission.ID_BELOW).setParameter("high", high));
    }

    SourceSlice changedIn(Optional<OffsetDateTime> after, OffsetDateTime until) {
        return new SourceSlice(after, Optional.of(until), idFrom, idBelow);
    }

    /**
     * The id space cut into {@code count} ranges of equal width by the id's first 16 bits: random
     * (v4) ids fall evenly into them, and uuid order is byte order, so each is an index range scan.
     */
    static List<SourceSlice> chunks(int count) {
        List<SourceSlice> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chunks.add(new SourceSlice(Optional.empty(), Optional.empty(),
                    i == 0 ? Optional.empty() : Optional.of(boundary(i, count)),
                    i == count - 1 ? Optional.empty() : Optional.of(boundary(i + 1, count))));
        }
        return chunks;
    }

    /**
     * Id ranges in order, adjacent ones joined into one: the chunks a resume redoes are mostly one
     * run of neighbours (those in progress and those not started), so a few ranges stand for many.
     */
    static List<SourceSlice> joined(List<SourceSlice> inOrder) {
        List<SourceSlice> ranges = new ArrayList<>();
        for (SourceSlice slice : inOrder) {
            int last = ranges.size() - 1;
            if (last >= 0 && ranges.get(last).idBelow().equals(slice.idFrom())) {
                SourceSlice previous = ranges.get(last);
                ranges.set(last, new SourceSlice(previous.changedAfter(), previous.changedUntil(), previous.idFrom(),
                        slice.idBelow()));
            } else {
                ranges.add(slice);
            }
        }
        return ranges;
    }

    private static UUID boundary(int i, int count) {
        long top16 = (long) i * 65536 / count;
        return new UUID(top16 << 48, 0);
    }

    /** The same predicate in SQL on {@code app.submissions}, e.g. to find a chunk's rows in a stage table. */
    String idCondition(String column) {
        List<String> parts = new ArrayList<>();
        idFrom.ifPresent(low -> parts.add(column + " >= '" + low + "'"));
        idBelow.ifPresent(high -> parts.add(column + " < '" + high + "'"));
        return parts.isEmpty() ? "true" : String.join(" AND ", parts);
    }
}

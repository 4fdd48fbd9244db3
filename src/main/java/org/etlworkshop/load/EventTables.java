package org.etlworkshop.load;

/**
 * Where a run writes: the events table and the two rejection tables. The live ones
 * ({@link #LIVE}) for a run that replaces the warehouse in place; a run's own stage tables for
 * one that loads where nobody reads and publishes at the end (stage, swap, drop).
 */
public record EventTables(String events, String rejectedSubmissions, String rejectedAnswers) {
    public static final EventTables LIVE = new EventTables("dwh.response_events", "dwh.rejected_submissions",
            "dwh.rejected_answers");

    /** The stage tables of run {@code runId}: {@code dwh.response_events_stage_<id>} and its two siblings. */
    public static EventTables stageOf(long runId) {
        return new EventTables(LIVE.events + "_stage_" + runId, LIVE.rejectedSubmissions + "_stage_" + runId,
                LIVE.rejectedAnswers + "_stage_" + runId);
    }

    public boolean isLive() {
        return equals(LIVE);
    }

    /** The events table's name without its schema, e.g. {@code response_events_stage_7}. */
    public String eventsName() {
        return events.substring(events.indexOf('.') + 1);
    }
}

package org.etlworkshop.pipeline;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.TestRuns;
import org.etlworkshop.db.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading and loading on two threads ({@link OverlappedStreams}) write exactly what one thread writes, through a
 * hand-off that never holds more than its bound, and a failed load keeps neither its events nor its rejections.
 */
class OverlapTest {
    private static final String SCENARIO = "mid";
    private static final String RUN = Databases.runName(SCENARIO);

    @BeforeAll
    static void generate() {
        TestDatabase.generated(TestDatabase.testScenarios(), SCENARIO);
    }

    private static RunResult run(String processor, UnaryOperator<RunOptions.Builder> options) {
        return TestRuns.run(SCENARIO, TestRuns.CATALOG.get(processor), options);
    }

    /** The warehouse's events and rejections without what differs between equal runs (ids, processed_on), sorted. */
    private static List<String> contents() {
        List<String> all = new ArrayList<>(TestDatabase.rows(RUN, "SELECT concat_ws('|', form_id, form_name, user_id, user_full_name, "
                + "submission_id, submission_created, schema_path, value, answer_type, tag) FROM dwh.response_events"));
        all.addAll(TestDatabase.rows(RUN, "SELECT 'rejected|' || submission_id || '|' || reason FROM dwh.rejected_submissions"));
        all.addAll(TestDatabase.rows(RUN, "SELECT 'rejected answer|' || submission_id || '|' || schema_path || '|' || value "
                + "FROM dwh.rejected_answers"));
        all.sort(null);
        return all;
    }

    private static long count(String table) {
        return TestDatabase.count(RUN, "SELECT count(*) FROM " + table);
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy", "copy-binary", "chunked-stateless", "chunked", "row-commit"})
    void overlappedReadingAndLoadingWriteWhatOneThreadWrites(String processor) {
        RunResult alone = run(processor, r -> r.overlap(false));
        List<String> byOneThread = contents();
        RunResult overlapped = run(processor, r -> r.overlap(true));

        assertThat(alone.overlap()).as("one thread: no hand-off").isEmpty();
        RunResult.QueueFill handoff = overlapped.overlap().orElseThrow();
        assertThat(handoff.capacityBatches()).isEqualTo(OverlappedStreams.BATCHES);
        assertThat(handoff.samples()).as("sampled, and never fuller than its bound").isNotEmpty()
                .allSatisfy(sample -> assertThat(sample[1]).isBetween(0L, (long) OverlappedStreams.BATCHES));
        assertThat(contents()).as(processor).isEqualTo(byOneThread);
        assertThat(overlapped.eventsWritten()).isEqualTo(alone.eventsWritten()).isEqualTo(overlapped.eventsProduced());
        assertThat(overlapped.submissionsRead()).isEqualTo(alone.submissionsRead());
        assertThat(overlapped.sql()).as("the same statements, only on two threads").isEqualTo(alone.sql());
    }

    @Test
    void aLoadThatFailsAfterItsReaderHandedOverTheWholeSourceKeepsNeitherEventsNorRejections() {
        long events = run("copy", r -> r.overlap(false)).eventsWritten();
        assertThat(count("dwh.rejected_submissions")).as("the source has rejections to keep").isPositive();
        // near the end: the reader has handed over every batch and the chunk's rejections by then
        assertThatThrownBy(() -> run("copy", r -> r.overlap(true).failAfter(events - 10)))
                .hasStackTraceContaining("injected failure (--fail-after)");
        assertThat(count("dwh.response_events")).isZero();
        assertThat(count("dwh.rejected_submissions") + count("dwh.rejected_answers"))
                .as("rejections are kept only once their chunk's load has committed").isZero();
    }

    @Test
    void aReaderThatFailsStopsItsLoaderAndNothingIsKept() {
        ProcessorConfig config = TestRuns.CATALOG.get("copy-binary");
        assertThatThrownBy(() -> ProcessRun.on(TestDatabase.server(), SCENARIO, RunOptions.builder().overlap(true).build())
                .execute(config, failing(Pipeline.of(config)))).hasStackTraceContaining("the extract failed on purpose");
        assertThat(count("dwh.response_events")).isZero();
        assertThat(count("dwh.rejected_submissions") + count("dwh.rejected_answers")).isZero();
    }

    /** The pipeline with an extractor that fails after a few submissions: a reader's failure. */
    private static <E> Pipeline<E> failing(Pipeline<E> pipeline) {
        return pipeline.wrapped(session -> {
            AtomicInteger read = new AtomicInteger();
            return pipeline.extractor().extract(session).peek(s -> {
                if (read.incrementAndGet() == 30) {
                    throw new IllegalStateException("the extract failed on purpose");
                }
            });
        }, pipeline.loader());
    }

    @Test
    void partitionsThatOverlapLoadWhatOneStreamLoadsAndResumeAfterAFailureAnywhere() {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        long events = run("copy", r -> r.publish(Publish.STAGED).overlap(false)).eventsWritten();
        List<String> oneStream = contents();
        for (String processor : List.of("copy-binary", "chunked-stateless", "copy")) {
            int workers = 1 + random.nextInt(3);
            int checkpointEvery = 10 + random.nextInt(40);
            long failAfter = 1 + random.nextInt((int) events - 1);
            String about = "seed " + seed + " (replay: -Detl.seed=" + seed + "), " + processor + ", " + workers
                    + " overlapped streams, checkpoint every " + checkpointEvery + ", failing after " + failAfter;
            UnaryOperator<RunOptions.Builder> design = r -> r.workers(workers).workerDesign(WorkerDesign.PARTITIONS).overlap(true)
                    .checkpointEvery(checkpointEvery);
            assertThatThrownBy(() -> run(processor, r -> design.apply(r).failAfter(failAfter))).as(about)
                    .hasStackTraceContaining("injected failure (--fail-after)");
            assertThat(contents()).as(about + ": nothing published").isEqualTo(oneStream);
            RunResult resumed = run(processor, r -> design.apply(r).resume(true));
            RunResult.Publication publication = resumed.publication().orElseThrow();
            assertThat(publication.queue()).as(about + ": no queue in this design").isEmpty();
            assertThat(resumed.overlap()).as(about).isPresent();
            assertThat(publication.eventsPerWorker()).as(about).hasSize(workers);
            assertThat(TestDatabase.count(RUN, "SELECT count(*) FROM dwh.etl_checkpoints WHERE run_id = " + publication.runId()))
                    .as(about + ": every chunk checkpointed once").isEqualTo(publication.chunks());
            assertThat(contents()).as(about).isEqualTo(oneStream);
        }
    }
}

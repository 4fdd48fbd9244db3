package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's options, validated once when built: bad values and bad combinations are refused by name. */
class RunOptionsTest {

    @Test
    void replaceWithChunksIsRefusedNamingBothOptions() {
        assertThatThrownBy(() -> RunOptions.builder().publish(Publish.REPLACE).workers(2).build())
                .isInstanceOf(UsageException.class).hasMessageContaining("--publish replace").hasMessageContaining("--workers 2");
        assertThatThrownBy(() -> RunOptions.builder().publish(Publish.REPLACE).checkpointEvery(100).build())
                .hasMessageContaining("--publish replace").hasMessageContaining("--checkpoint-every 100");
        assertThatThrownBy(() -> RunOptions.builder().publish(Publish.REPLACE).resume(true).build())
                .hasMessageContaining("--publish replace").hasMessageContaining("--resume");
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> RunOptions.builder().workers(0).build()).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--workers must be 1 to 16");
        assertThatThrownBy(() -> RunOptions.builder().workers(17).build()).hasMessageStartingWith("--workers must be 1 to 16");
        assertThatThrownBy(() -> RunOptions.builder().checkpointEvery(-1).build()).hasMessageStartingWith("--checkpoint-every");
        assertThatThrownBy(() -> RunOptions.builder().failAfter(-5).build()).hasMessageStartingWith("--fail-after");
    }

    @Test
    void theModeDefaultsToStagedWhenTheRunIsChunkedAndTheDesignIsChosenOnce() {
        assertThat(RunOptions.DEFAULTS.publish()).isEqualTo(Publish.REPLACE);
        assertThat(RunOptions.DEFAULTS.<Object>workersDesign()).isInstanceOf(OneStream.class);
        assertThat(RunOptions.DEFAULTS.sharedBy()).isEmpty();
        assertThat(RunOptions.builder().checkpointEvery(10).build().publish()).isEqualTo(Publish.STAGED);
        assertThat(RunOptions.builder().resume(true).build().publish()).isEqualTo(Publish.STAGED);
        RunOptions partitions = RunOptions.builder().workers(3).workerDesign(WorkerDesign.PARTITIONS).build();
        assertThat(partitions.publish()).isEqualTo(Publish.STAGED);
        assertThat(partitions.<Object>workersDesign()).isInstanceOf(Partitions.class);
        assertThat(partitions.sharedBy()).contains(WorkerDesign.PARTITIONS);
        assertThat(partitions.chunks(() -> 1000)).as("4 per worker").isEqualTo(12);
        assertThat(RunOptions.builder().workers(2).build().<Object>workersDesign()).isInstanceOf(QueuedWorkers.class);
        assertThat(RunOptions.builder().publish(Publish.INCREMENTAL).checkpointEvery(300).build().chunks(() -> 1000))
                .as("about 300 submissions each").isEqualTo(4);
        assertThat(RunOptions.builder().measureStages(true).build().retainedHeap()).as("--debug-mem takes the heap probe").isTrue();
    }

    @Test
    void overlapAndTheDesignAreTheProcessorsUnlessTheRunSaysOtherwise() {
        ProcessorConfig plain = ProcessorCatalog.shipped().get("copy-binary").toBuilder().overlap(false)
                .workersDesign(WorkerDesign.QUEUE).build();
        ProcessorConfig overlapping = plain.toBuilder().overlap(true).workersDesign(WorkerDesign.PARTITIONS).build();
        assertThat(RunOptions.DEFAULTS.forProcessor(overlapping).<Object>workersDesign()).isInstanceOf(OverlappedStreams.class);
        assertThat(RunOptions.DEFAULTS.forProcessor(plain).<Object>workersDesign()).isInstanceOf(OneStream.class);
        assertThat(RunOptions.builder().overlap(false).build().forProcessor(overlapping).<Object>workersDesign())
                .as("--no-overlap wins").isInstanceOf(OneStream.class);
        assertThat(RunOptions.builder().overlap(true).build().forProcessor(plain).<Object>workersDesign())
                .as("--overlap wins").isInstanceOf(OverlappedStreams.class);
        RunOptions two = RunOptions.builder().workers(2).build();
        assertThat(two.forProcessor(overlapping).<Object>workersDesign()).as("partitions, each overlapped")
                .isInstanceOf(OverlappedStreams.class);
        assertThat(two.forProcessor(plain).<Object>workersDesign()).isInstanceOf(QueuedWorkers.class);
        assertThat(RunOptions.builder().workers(2).workerDesign(WorkerDesign.QUEUE).build().forProcessor(overlapping)
                .<Object>workersDesign()).as("--workers-design wins").isInstanceOf(QueuedWorkers.class);
        assertThat(RunOptions.builder().measureStages(true).build().forProcessor(overlapping).<Object>workersDesign())
                .as("--debug-mem measures one thread").isInstanceOf(OneStream.class);
        assertThatThrownBy(() -> RunOptions.builder().measureStages(true).overlap(true).build())
                .isInstanceOf(UsageException.class).hasMessageContaining("--debug-mem").hasMessageContaining("--overlap");
    }
}

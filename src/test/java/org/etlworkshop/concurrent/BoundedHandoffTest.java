package org.etlworkshop.concurrent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one hand-off between a producer and its consumers: bounded, ended by a marker, stopped by the first failure. */
class BoundedHandoffTest {

    @Test
    void aFullLaneMakesTheProducerWaitUntilItsConsumerTakes() throws Exception {
        BoundedHandoff<Integer> handoff = new BoundedHandoff<>(2, 2);
        handoff.put(0, 1);
        handoff.put(0, 2);
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> handoff.put(0, 3));
        Thread.sleep(200);
        assertThat(third).as("no room in lane 0: the producer waits").isNotDone();
        assertThat(handoff.waiting(0)).isEqualTo(2);
        handoff.put(1, 9); // another lane has room
        assertThat(handoff.take(0)).isEqualTo(1);
        third.get(5, TimeUnit.SECONDS);
        assertThat(handoff.producerWaitMillis()).as("the wait for room was measured").isGreaterThanOrEqualTo(100);
    }

    @Test
    void everyConsumerTakesItsLaneInOrderThenTheEnd() throws Exception {
        int lanes = 3, items = 1000;
        BoundedHandoff<Integer> handoff = new BoundedHandoff<>(lanes, 4);
        ExecutorService consumers = Executors.newFixedThreadPool(lanes);
        List<Future<List<Integer>>> taken = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int mine = lane;
            taken.add(consumers.submit(() -> {
                List<Integer> got = new ArrayList<>();
                for (Integer item = handoff.take(mine); item != null; item = handoff.take(mine)) {
                    got.add(item);
                }
                return got;
            }));
        }
        for (int i = 0; i < items; i++) {
            handoff.put(i % lanes, i);
        }
        handoff.end();
        List<List<Integer>> results = Futures.all(taken, handoff::fail);
        consumers.shutdown();
        for (int lane = 0; lane < lanes; lane++) {
            int mine = lane;
            assertThat(results.get(lane)).isSortedAccordingTo(Integer::compare).allMatch(i -> i % lanes == mine)
                    .hasSize((int) java.util.stream.IntStream.range(0, items).filter(i -> i % lanes == mine).count());
        }
    }

    @Test
    void aProducerPerLaneEndsOnlyItsOwnLane() throws Exception {
        int lanes = 3, items = 500;
        BoundedHandoff<Integer> handoff = new BoundedHandoff<>(lanes, 2);
        ExecutorService threads = Executors.newFixedThreadPool(2 * lanes);
        List<Future<List<Integer>>> taken = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int mine = lane;
            threads.submit(() -> {
                for (int i = 0; i < items * (mine + 1); i++) { // lanes end at different times
                    handoff.put(mine, mine * 100_000 + i);
                }
                handoff.end(mine);
                return null;
            });
            taken.add(threads.submit(() -> {
                List<Integer> got = new ArrayList<>();
                for (Integer item = handoff.take(mine); item != null; item = handoff.take(mine)) {
                    got.add(item);
                }
                return got;
            }));
        }
        List<List<Integer>> results = Futures.all(taken, handoff::fail);
        threads.shutdown();
        for (int lane = 0; lane < lanes; lane++) {
            int mine = lane;
            assertThat(results.get(lane)).as("lane %d: its producer's items, in order, up to its own end", lane)
                    .hasSize(items * (lane + 1)).isSortedAccordingTo(Integer::compare).allMatch(i -> i / 100_000 == mine);
        }
    }

    @Test
    void theFirstFailureStopsAWaitingProducerAndEveryWaitingConsumer() throws Exception {
        BoundedHandoff<String> handoff = new BoundedHandoff<>(2, 1);
        handoff.put(0, "fills lane 0");
        CountDownLatch waiting = new CountDownLatch(2);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            waiting.countDown();
            handoff.put(0, "waits for room");
        });
        CompletableFuture<String> consumer = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return handoff.take(1); // lane 1 is empty
        });
        waiting.await();
        Thread.sleep(100);
        IllegalStateException first = new IllegalStateException("the first failure");
        handoff.fail(first);
        handoff.fail(new IllegalStateException("a later one"));
        for (CompletableFuture<?> stopped : List.of(producer, consumer)) {
            assertThatThrownBy(() -> stopped.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(FirstFailure.class)
                    .rootCause().isSameAs(first);
        }
        assertThat(handoff.failure()).isSameAs(first);
        assertThatThrownBy(() -> handoff.take(0)).as("what waits is not taken any more").isInstanceOf(FirstFailure.class)
                .hasMessage("the first failure");
        assertThatThrownBy(() -> handoff.put(1, "later")).isInstanceOf(FirstFailure.class);
    }

    @Test
    void aFailureAfterTheEndWasHandedOverDoesNotUndoIt() throws Exception {
        // transfer's pipe: the writer ends, the reader takes the end, then the destination fails and says so;
        // the writer's end was handed over and must not be reported as the source failing
        for (int i = 0; i < 200; i++) {
            BoundedHandoff<String> handoff = new BoundedHandoff<>(1, 2);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                handoff.put(0, "rows");
                handoff.end();
            });
            assertThat(handoff.take(0)).isEqualTo("rows");
            assertThat(handoff.take(0)).as("the end marker").isNull();
            handoff.fail(new IllegalStateException("the destination refused a row"));
            writer.get(5, TimeUnit.SECONDS); // completes normally: its end was taken before the failure
        }
    }

    @Test
    void waitingForWorkersWaitsForEveryOneAndThrowsTheFirstFailureInTheirOrder() {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        AtomicBoolean slowOneFinished = new AtomicBoolean();
        AtomicBoolean toldToStop = new AtomicBoolean();
        List<Future<Integer>> workers = List.of(
                threads.submit(() -> 1),
                threads.submit(() -> {
                    throw new IllegalArgumentException("worker 2 failed");
                }),
                threads.submit(() -> {
                    Thread.sleep(300);
                    slowOneFinished.set(true);
                    return 3;
                }));
        assertThatThrownBy(() -> Futures.all(workers, failure -> toldToStop.set(true))).isInstanceOf(FirstFailure.class)
                .satisfies(e -> assertThat(((FirstFailure) e).unwrapped()).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("worker 2 failed"));
        assertThat(toldToStop).as("the others were told at once").isTrue();
        assertThat(slowOneFinished).as("no worker is left running").isTrue();
        threads.shutdown();
        assertThat(Futures.all(List.of(CompletableFuture.completedFuture(7)), failure -> { })).containsExactly(7);
    }
}

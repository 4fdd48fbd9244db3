package org.etlworkshop.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The chunks of the id space, and the ranges a resume clears in one statement. */
class SourceSliceTest {

    /** uuid order as PostgreSQL has it: unsigned, byte by byte (Java's {@code UUID.compareTo} is signed). */
    private static int compare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static boolean contains(SourceSlice slice, UUID id) {
        return slice.idFrom().map(low -> compare(id, low) >= 0).orElse(true)
                && slice.idBelow().map(high -> compare(id, high) < 0).orElse(true);
    }

    private static long holding(List<SourceSlice> slices, UUID id) {
        return slices.stream().filter(slice -> contains(slice, id)).count();
    }

    @Test
    void chunksCoverEveryIdExactlyOnce() {
        Random random = new Random(Long.getLong("etl.seed", System.nanoTime()));
        for (int count : List.of(1, 2, 3, 7, 28, 1000, 65536)) {
            List<SourceSlice> chunks = SourceSlice.chunks(count);
            for (int i = 0; i < 200; i++) {
                UUID id = new UUID(random.nextLong(), random.nextLong());
                assertThat(holding(chunks, id)).as(count + " chunks, " + id).isEqualTo(1);
            }
            assertThat(holding(chunks, new UUID(0, 0))).isEqualTo(1);
            assertThat(holding(chunks, new UUID(-1, -1))).isEqualTo(1);
        }
    }

    @Test
    void joinedRangesHoldExactlyTheIdsOfTheChunksTheyJoin() {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<SourceSlice> chunks = SourceSlice.chunks(1 + random.nextInt(64));
            List<SourceSlice> redo = new ArrayList<>();
            double share = random.nextDouble();
            chunks.forEach(chunk -> {
                if (random.nextDouble() < share) {
                    redo.add(chunk);
                }
            });
            List<SourceSlice> joined = SourceSlice.joined(redo);
            String about = "seed " + seed + ", " + redo.size() + " of " + chunks.size() + " chunks";
            assertThat(joined.size()).as(about).isLessThanOrEqualTo(redo.size());
            for (int i = 1; i < joined.size(); i++) {
                assertThat(joined.get(i - 1).idBelow()).as(about + ": neighbours are joined").isNotEqualTo(joined.get(i).idFrom());
            }
            for (int i = 0; i < 100; i++) {
                UUID id = new UUID(random.nextLong(), random.nextLong());
                assertThat(holding(joined, id)).as(about + ", " + id).isEqualTo(holding(redo, id));
            }
            for (SourceSlice chunk : chunks) { // the boundaries themselves, where an off-by-one would show
                UUID edge = chunk.idFrom().orElse(new UUID(0, 0));
                assertThat(holding(joined, edge)).as(about + ", edge " + edge).isEqualTo(holding(redo, edge));
            }
        }
        assertThat(SourceSlice.joined(SourceSlice.chunks(28))).containsExactly(SourceSlice.EVERYTHING);
        assertThat(SourceSlice.joined(List.of())).isEmpty();
        assertThat(SourceSlice.chunks(1)).containsExactly(new SourceSlice(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
    }
}

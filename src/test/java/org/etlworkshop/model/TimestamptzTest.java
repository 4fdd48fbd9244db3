package org.etlworkshop.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The converter binds exactly what a fresh conversion gives, whatever it converted before it (its last two are reused). */
class TimestamptzTest {
    private static final long FIRST = Instant.parse("-4712-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("+294276-12-31T23:59:59Z").getEpochSecond();

    private static OffsetDateTime reference(Instant value) {
        return value == null ? null : value.equals(Instant.MAX) ? OffsetDateTime.MAX
                : value.equals(Instant.MIN) ? OffsetDateTime.MIN : value.atOffset(ZoneOffset.UTC);
    }

    private static Instant anyInstant(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> Instant.MAX;
            case 1 -> Instant.MIN;
            case 2 -> null;
            case 3 -> Instant.EPOCH;
            default -> Instant.ofEpochSecond(FIRST + (long) (random.nextDouble() * (LAST - FIRST)), random.nextInt(1_000_000) * 1000L);
        };
    }

    @Test
    void everyConversionEqualsAFreshOneWhateverCameBefore() {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        Timestamptz converter = new Timestamptz();
        for (int sequence = 0; sequence < 200; sequence++) {
            List<Instant> pool = new ArrayList<>(); // few distinct values, revisited in every order: the reuse's cases
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                pool.add(anyInstant(random));
            }
            for (int i = 0; i < 50; i++) {
                Instant value = pool.get(random.nextInt(pool.size()));
                assertThat(converter.convertToDatabaseColumn(value))
                        .as("seed %d (replay: -Detl.seed=%d), value %s", seed, seed, value).isEqualTo(reference(value));
                if (value != null) {
                    assertThat(converter.convertToEntityAttribute(converter.convertToDatabaseColumn(value))).isEqualTo(value);
                }
            }
        }
    }
}

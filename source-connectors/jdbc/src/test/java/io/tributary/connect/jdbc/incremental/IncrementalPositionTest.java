package io.tributary.connect.jdbc.incremental;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.offsets.OffsetMode;
import io.tributary.connect.jdbc.offsets.StartFrom;
import io.tributary.connect.jdbc.offsets.TableOffset;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalPositionTest {

    private static final Instant MICROS = Instant.parse("2026-03-01T09:15:02.123456Z");

    @Test
    void everyModesPositionSurvivesTheOffsetStoreExactly() {
        List<Object[]> cases = List.of(
                new Object[] {OffsetMode.INCREMENTING, new IncrementalPosition(null, 42)},
                new Object[] {OffsetMode.INCREMENTING, new IncrementalPosition(null, "A-0042")},
                new Object[] {OffsetMode.TIMESTAMP, new IncrementalPosition(MICROS, null)},
                // timestamp mode with the primary key as tiebreaker
                new Object[] {OffsetMode.TIMESTAMP, new IncrementalPosition(MICROS, 7L)},
                new Object[] {OffsetMode.TIMESTAMP, new IncrementalPosition(MICROS, "key-7")},
                new Object[] {OffsetMode.TIMESTAMP_INCREMENTING, new IncrementalPosition(MICROS, Long.MAX_VALUE)});
        for (Object[] example : cases) {
            IncrementalPosition position = (IncrementalPosition) example[1];
            assertThat(IncrementalReaderContract.roundTrip(position, (OffsetMode) example[0])).isEqualTo(position);
        }
        assertThat(new IncrementalPosition(null, 42).incrementing()).isEqualTo(42L);
    }

    @Test
    void anOffsetWithoutPositionMeansFromTheBeginning() {
        assertThat(IncrementalPosition.of(TableOffset.initial(OffsetMode.TIMESTAMP))).isNull();
    }

    @Test
    void anOperatorsStartingPointIsInclusiveAndNeverStored() {
        IncrementalPosition start = IncrementalPosition.startingAt(new StartFrom(MICROS, null));

        assertThat(start.inclusive()).isTrue();
        assertThatThrownBy(() -> start.storeIn(TableOffset.initial(OffsetMode.TIMESTAMP)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void itsTextLeavesOutTheIncrementingValueWhichMayBeAKey() {
        assertThat(new IncrementalPosition(MICROS, "alice@example.com").toString()).doesNotContain("alice")
                .contains("2026-03-01T09:15:02.123456Z");
    }
}

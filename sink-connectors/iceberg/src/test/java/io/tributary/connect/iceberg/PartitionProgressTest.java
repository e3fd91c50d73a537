package io.tributary.connect.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void recordsOfPartitionsNotOwnedAreNotAccepted() {
        PartitionProgress progress = new PartitionProgress();
        progress.assign(List.of(P0));

        assertThat(progress.accept(P0, 5)).isTrue();
        assertThat(progress.accept(P1, 5)).isFalse();
        progress.revoke(List.of(P0));
        assertThat(progress.accept(P0, 6)).isFalse();
    }

    /** Records handed over before Connect applied the seek must not be written ahead of the re-read ones. */
    @Test
    void recordsDeliveredBeforeARewindTookEffectAreIgnoredUntilTheReReadStarts() {
        PartitionProgress progress = new PartitionProgress();
        progress.assign(List.of(P0));
        for (long offset = 100; offset < 200; offset++) {
            progress.accept(P0, offset);
        }

        assertThat(progress.rewind(Map.of(P0, 100L))).containsEntry(P0, 100L);
        assertThat(progress.cap(P0, 200)).isEqualTo(100);
        assertThat(progress.accept(P0, 200)).as("fetched before the seek").isFalse();
        assertThat(progress.accept(P0, 250)).isFalse();
        assertThat(progress.cap(P0, 300)).isEqualTo(100);

        assertThat(progress.accept(P0, 100)).as("the re-read").isTrue();
        assertThat(progress.cap(P0, 300)).isEqualTo(300);
        assertThat(progress.accept(P0, 101)).isTrue();
    }

    @Test
    void aRewindThatWouldReReadNothingIsNotRequested() {
        PartitionProgress progress = new PartitionProgress();
        progress.assign(List.of(P0, P1));
        progress.accept(P0, 9);

        assertThat(progress.rewind(Map.of(P0, 10L, P1, 0L))).isEmpty();
        assertThat(progress.accept(P0, 10)).isTrue();
    }

    @Test
    void aSecondRewindKeepsTheLowerTarget() {
        PartitionProgress progress = new PartitionProgress();
        progress.assign(List.of(P0));
        progress.accept(P0, 50);

        progress.rewind(Map.of(P0, 40L));
        assertThat(progress.rewind(Map.of(P0, 30L))).containsEntry(P0, 30L);
        assertThat(progress.rewind(Map.of(P0, 45L))).containsEntry(P0, 30L);
        assertThat(progress.cap(P0, 51)).isEqualTo(30);
    }
}

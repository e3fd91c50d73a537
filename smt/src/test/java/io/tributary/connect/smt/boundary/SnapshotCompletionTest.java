package io.tributary.connect.smt.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.smt.boundary.SnapshotBoundary.Marker;
import io.tributary.connect.smt.boundary.SnapshotCompletion.PartitionTally;
import io.tributary.connect.smt.boundary.SnapshotCompletion.Progress;
import io.tributary.connect.smt.boundary.SnapshotCompletion.State;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;

class SnapshotCompletionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    private final SnapshotCompletion completion = new SnapshotCompletion();
    /** Next offset per partition, as Kafka would assign them. */
    private final long[] nextOffset = new long[8];
    /** N, the partitions the snapshots in a test are spread over. */
    private int partitions = 2;

    @Test
    void completeWhenEveryPartitionEndedWithItsRows() {
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);
        rows(snapshot, 0, 2);
        rows(snapshot, 1, 3);

        Progress afterFirstMarker = marker(snapshot, 0, 2, 5);
        Progress afterLast = marker(snapshot, 1, 3, 5);

        assertThat(afterFirstMarker.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(afterFirstMarker.partitionsEnded()).isEqualTo(1);
        assertThat(afterLast.state()).isEqualTo(State.COMPLETE);
        assertThat(afterLast.finished()).isTrue();
        assertThat(afterLast.rowsSeen()).isEqualTo(5);
        assertThat(afterLast.rowsExpected()).isEqualTo(5);
        assertThat(completion.newestFinished("public.orders")).contains(snapshot);
    }

    @Test
    void anEmptyTableIsACompleteSnapshotOfNoRows() {
        SnapshotRef snapshot = SnapshotRef.start("public.empty", T0, null);

        marker(snapshot, 0, 0, 0);

        assertThat(marker(snapshot, 1, 0, 0).state()).isEqualTo(State.COMPLETE);
    }

    @Test
    void incompleteWhileAPartitionHasNotEnded() {
        partitions = 3;
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);
        rows(snapshot, 0, 2);
        rows(snapshot, 1, 3);
        rows(snapshot, 2, 1);
        marker(snapshot, 0, 2, 6);
        Progress progress = marker(snapshot, 2, 1, 6);

        assertThat(progress.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(progress.finished()).isFalse();
        assertThat(progress.partitionsEnded()).isEqualTo(2);
        assertThat(progress.partitions()).isEqualTo(3);
        assertThat(completion.newestFinished("public.orders")).isEmpty();
    }

    @Test
    void fewerRowsThanTheMarkerCountsIsAMismatch() {
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);
        rows(snapshot, 0, 2);
        rows(snapshot, 1, 2);
        marker(snapshot, 0, 2, 5);

        Progress progress = marker(snapshot, 1, 3, 5);

        assertThat(progress.state()).isEqualTo(State.MISMATCH);
        assertThat(progress.problem()).contains("partition 1 delivered 2 row(s), its end marker counts 3");
    }

    @Test
    void moreRowsThanTheMarkerCountsAreDuplicatesFromAResumedSource() {
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);
        rows(snapshot, 0, 4);
        rows(snapshot, 1, 3);
        marker(snapshot, 0, 3, 6);

        Progress progress = marker(snapshot, 1, 3, 6);

        assertThat(progress.state()).isEqualTo(State.DUPLICATES);
        assertThat(progress.finished()).isTrue();
        assertThat(progress.problem()).contains("partition 0 delivered 4 row(s) for 3");
    }

    @Test
    void markersThatDisagreeAreAMismatch() {
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);
        rows(snapshot, 0, 1);
        rows(snapshot, 1, 1);
        marker(snapshot, 0, 1, 2);

        Progress progress = completion.onMarker(new Marker(snapshot, 1, 2, 3), 1, nextOffset[1]++);

        assertThat(progress.state()).isEqualTo(State.MISMATCH);
        assertThat(progress.problem()).contains("disagree");
    }

    @Test
    void rowsBeyondTheSnapshotsPartitionsAreAMismatch() {
        partitions = 1;
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);
        rows(snapshot, 0, 1);
        rows(snapshot, 2, 1);

        Progress progress = marker(snapshot, 0, 1, 1);

        assertThat(progress.state()).isEqualTo(State.MISMATCH);
        assertThat(progress.problem()).contains("partition 2");
    }

    @Test
    void snapshotsOfDifferentTablesInOneTopicInterleave() {
        SnapshotRef orders = SnapshotRef.start("public.orders", T0, null);
        SnapshotRef users = SnapshotRef.start("public.users", T0, null);
        rows(orders, 0, 1);
        rows(users, 0, 2);
        rows(orders, 1, 1);
        rows(users, 1, 1);
        marker(users, 0, 2, 3);
        marker(orders, 0, 1, 2);

        assertThat(marker(orders, 1, 1, 2).state()).isEqualTo(State.COMPLETE);
        assertThat(marker(users, 1, 1, 3).state()).isEqualTo(State.COMPLETE);
    }

    @Test
    void anAbandonedSnapshotIsSupersededByTheNextOneOfItsTable() {
        partitions = 1;
        SnapshotRef abandoned = SnapshotRef.start("public.orders", T0, null);
        SnapshotRef next = SnapshotRef.start("public.orders", T0.plusSeconds(3600), abandoned.started());
        rows(abandoned, 0, 5);
        rows(next, 0, 2);
        assertThat(marker(next, 0, 2, 2).state()).isEqualTo(State.COMPLETE);

        // A zombie source task that went on writing the abandoned snapshot changes nothing.
        assertThat(rows(abandoned, 0, 1).state()).isEqualTo(State.SUPERSEDED);
        assertThat(marker(abandoned, 0, 6, 6).skip()).isTrue();
        assertThat(completion.tallies(abandoned.id())).isEmpty();
        assertThat(completion.newestFinished("public.orders")).contains(next);
    }

    @Test
    void aRedeliveredSnapshotFinishesOnlyOnce() {
        partitions = 1;
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);
        long firstRow = nextOffset[0];
        rows(snapshot, 0, 2);
        long markerOffset = nextOffset[0];
        assertThat(marker(snapshot, 0, 2, 2).state()).isEqualTo(State.COMPLETE);

        // The sink rewinds and reads the same records again.
        assertThat(completion.onRow(snapshot, 0, firstRow).state()).isEqualTo(State.ALREADY_FINISHED);
        assertThat(completion.onMarker(new Marker(snapshot, 2, 1, 2), 0, markerOffset).state())
                .isEqualTo(State.ALREADY_FINISHED);
    }

    @Test
    void reDeliveredRecordsBeforeTheEndAreNotCountedTwice() {
        partitions = 1;
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);
        long first = nextOffset[0];
        rows(snapshot, 0, 3);
        for (long offset = first; offset < first + 3; offset++) {
            completion.onRow(snapshot, 0, offset);
        }

        assertThat(marker(snapshot, 0, 3, 3).state()).isEqualTo(State.COMPLETE);
    }

    @Test
    void aDuplicateMarkerFromAResumedSourceIsIgnored() {
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);
        rows(snapshot, 0, 2);
        rows(snapshot, 1, 1);
        marker(snapshot, 0, 2, 3);
        // The source resumed after its last committed row: re-sent row and marker land after the first marker.
        rows(snapshot, 0, 1);
        marker(snapshot, 0, 2, 3);

        Progress progress = marker(snapshot, 1, 1, 3);

        assertThat(progress.state()).isEqualTo(State.COMPLETE);
        assertThat(progress.rowsSeen()).isEqualTo(3);
    }

    @Test
    void aRestartedSinkRestoresItsTalliesAndStillCompletes() {
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);
        rows(snapshot, 0, 2);
        marker(snapshot, 0, 2, 4);
        rows(snapshot, 1, 1);
        List<PartitionTally> saved = completion.tallies(snapshot.id());

        SnapshotCompletion restarted = new SnapshotCompletion();
        saved.forEach(restarted::restore);
        restarted.onRow(snapshot, 1, nextOffset[1]++);
        Progress progress = restarted.onMarker(new Marker(snapshot, 2, 2, 4), 1, nextOffset[1]++);

        assertThat(saved).hasSize(2);
        assertThat(progress.state()).isEqualTo(State.COMPLETE);
    }

    @Test
    void aSnapshotKnownToBePublishedIsSkipped() {
        SnapshotRef published = SnapshotRef.start("public.orders", T0, null);
        completion.markFinished(published);

        assertThat(rows(published, 0, 1).state()).isEqualTo(State.ALREADY_FINISHED);
    }

    @Test
    void recordsThatAreNoSnapshotRecordsAreNotTracked() {
        SnapshotRef snapshot = SnapshotRef.start("public.orders", T0, null);

        assertThat(completion.onRecord(0, 0, new ConnectHeaders())).isEmpty();
        assertThat(completion.onRecord(0, 1, SnapshotBoundary.stamp(new ConnectHeaders(), snapshot)))
                .hasValueSatisfying(progress -> assertThat(progress.rowsSeen()).isEqualTo(1));
        assertThat(completion.onRecord(0, 2, SnapshotBoundary.markerHeaders(new Marker(snapshot, 1, 1, 1))))
                .hasValueSatisfying(progress -> assertThat(progress.state()).isEqualTo(State.COMPLETE));
    }

    private Progress rows(SnapshotRef snapshot, int partition, int count) {
        Progress last = null;
        for (int i = 0; i < count; i++) {
            last = completion.onRow(snapshot, partition, nextOffset[partition]++);
        }
        return last;
    }

    private Progress marker(SnapshotRef snapshot, int partition, long partitionRows, long totalRows) {
        return completion.onMarker(new Marker(snapshot, partitionRows, partitions, totalRows), partition,
                nextOffset[partition]++);
    }
}

package io.tributary.connect.smt.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.smt.boundary.SnapshotBoundary.Marker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

class SnapshotBoundaryTest {

    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final SnapshotRef SNAPSHOT = SnapshotRef.start("public.orders", NOON, null);

    @Test
    void aStampedRowReadsBackAsItsSnapshot() {
        Headers headers = SnapshotBoundary.stamp(new ConnectHeaders(), SNAPSHOT);

        assertThat(SnapshotBoundary.readRef(headers)).contains(SNAPSHOT);
        assertThat(SnapshotBoundary.isMarker(headers)).isFalse();
        assertThat(SnapshotBoundary.readMarker(headers)).isEmpty();
        assertThat(headers.lastWithName(SnapshotBoundary.STARTED).value()).isEqualTo(NOON.toEpochMilli());
    }

    @Test
    void aMarkerReadsBackWithItsCounts() {
        Marker marker = new Marker(SNAPSHOT, 7, 4, 30);

        Headers headers = SnapshotBoundary.markerHeaders(marker);

        assertThat(SnapshotBoundary.isMarker(headers)).isTrue();
        assertThat(SnapshotBoundary.readMarker(headers)).contains(marker);
        assertThat(SnapshotBoundary.readRef(headers)).contains(SNAPSHOT);
    }

    @Test
    void stampingAgainReplacesInsteadOfAddingHeaders() {
        Headers headers = SnapshotBoundary.stamp(new ConnectHeaders(), SnapshotRef.start("t", NOON, null));

        SnapshotBoundary.stamp(headers, SNAPSHOT);

        assertThat(headers.size()).isEqualTo(3);
        assertThat(SnapshotBoundary.readRef(headers)).contains(SNAPSHOT);
    }

    @Test
    void recordsWithoutSnapshotHeadersAreNotSnapshotRecords() {
        Headers headers = new ConnectHeaders().addString("tributary.late", "true");

        assertThat(SnapshotBoundary.readRef(headers)).isEmpty();
        assertThat(SnapshotBoundary.readMarker(headers)).isEmpty();
    }

    @Test
    void theContractSurvivesTheWorkersDefaultHeaderConverter() {
        assertRoundTripThrough(new SimpleHeaderConverter());
    }

    @Test
    void theContractSurvivesAStringHeaderConverter() {
        assertRoundTripThrough(new StringConverter());
    }

    @Test
    void aTableNamedLikeANumberStaysText() {
        SnapshotRef numeric = SnapshotRef.start("2024", NOON, null);
        Headers headers = serializedAndBack(SnapshotBoundary.stamp(new ConnectHeaders(), numeric),
                new SimpleHeaderConverter());

        assertThat(SnapshotBoundary.readRef(headers)).contains(numeric);
    }

    @Test
    void countsSentAsTextOrBytesAreRead() {
        Headers headers = SnapshotBoundary.stamp(new ConnectHeaders(), SNAPSHOT)
                .addString(SnapshotBoundary.END, " 7 ")
                .addBytes(SnapshotBoundary.PARTITIONS, "4".getBytes(StandardCharsets.UTF_8))
                .addString(SnapshotBoundary.ROWS, "30");

        assertThat(SnapshotBoundary.readMarker(headers)).contains(new Marker(SNAPSHOT, 7, 4, 30));
    }

    @Test
    void aRowNamingASnapshotWithoutItsOtherHeadersIsAnError() {
        Headers headers = new ConnectHeaders().addString(SnapshotBoundary.ID, SNAPSHOT.id())
                .addString(SnapshotBoundary.TABLE, "public.orders");

        assertThatThrownBy(() -> SnapshotBoundary.readRef(headers))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(SnapshotBoundary.STARTED).hasMessageContaining(SNAPSHOT.id());
    }

    @Test
    void aMarkerWithGarbageCountsIsAnError() {
        Headers headers = SnapshotBoundary.stamp(new ConnectHeaders(), SNAPSHOT)
                .addString(SnapshotBoundary.END, "seven")
                .addInt(SnapshotBoundary.PARTITIONS, 4)
                .addLong(SnapshotBoundary.ROWS, 30);

        assertThatThrownBy(() -> SnapshotBoundary.readMarker(headers))
                .isInstanceOf(DataException.class).hasMessageContaining(SnapshotBoundary.END);
    }

    @Test
    void aMarkerCountingMoreRowsThanTheSnapshotIsAnError() {
        Headers headers = SnapshotBoundary.stamp(new ConnectHeaders(), SNAPSHOT)
                .addLong(SnapshotBoundary.END, 31)
                .addInt(SnapshotBoundary.PARTITIONS, 4)
                .addLong(SnapshotBoundary.ROWS, 30);

        assertThatThrownBy(() -> SnapshotBoundary.readMarker(headers))
                .isInstanceOf(DataException.class).hasMessageContaining(SNAPSHOT.id());
    }

    @Test
    void oneMarkerPerPartitionWithTheTotal() {
        List<Marker> markers = SnapshotBoundary.markers(SNAPSHOT, new long[] {3, 0, 5});

        assertThat(markers).containsExactly(new Marker(SNAPSHOT, 3, 3, 8), new Marker(SNAPSHOT, 0, 3, 8),
                new Marker(SNAPSHOT, 5, 3, 8));
    }

    @Test
    void snapshotIdsAreTimeOrderedUuidV7s() {
        SnapshotRef earlier = SnapshotRef.start("t", NOON, null);
        SnapshotRef later = SnapshotRef.start("t", NOON.plusSeconds(1), null);

        assertThat(earlier.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(earlier.id()).isLessThan(later.id());
        assertThat(later.isNewerThan(earlier)).isTrue();
        assertThat(earlier.isNewerThan(later)).isFalse();
        assertThat(SnapshotRef.start("t", NOON, null).id()).isNotEqualTo(earlier.id());
    }

    @Test
    void aSnapshotStartsAfterThePreviousOneEvenWhenTheClockSteppedBack() {
        Instant previous = NOON.plusSeconds(60);

        SnapshotRef next = SnapshotRef.start("t", NOON, previous);

        assertThat(next.started()).isEqualTo(previous.plusMillis(1));
    }

    private static void assertRoundTripThrough(HeaderConverter converter) {
        Marker marker = new Marker(SNAPSHOT, 7, 4, 30);
        Headers row = serializedAndBack(SnapshotBoundary.stamp(new ConnectHeaders(), SNAPSHOT), converter);
        Headers end = serializedAndBack(SnapshotBoundary.markerHeaders(marker), converter);

        assertThat(SnapshotBoundary.readRef(row)).contains(SNAPSHOT);
        assertThat(SnapshotBoundary.isMarker(row)).isFalse();
        assertThat(SnapshotBoundary.readMarker(end)).contains(marker);
    }

    /** What a sink sees of headers a source wrote, through the same header converter on both workers. */
    private static Headers serializedAndBack(Headers written, HeaderConverter converter) {
        converter.configure(Map.of("converter.type", "header"));
        Headers read = new ConnectHeaders();
        for (Header header : written) {
            byte[] bytes = converter.fromConnectHeader("topic", header.key(), header.schema(), header.value());
            SchemaAndValue back = converter.toConnectHeader("topic", header.key(), bytes);
            read.add(header.key(), back);
        }
        return read;
    }
}

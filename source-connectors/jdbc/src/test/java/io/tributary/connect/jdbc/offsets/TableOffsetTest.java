package io.tributary.connect.jdbc.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.smt.boundary.SnapshotRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.OffsetUtils;
import org.junit.jupiter.api.Test;

class TableOffsetTest {

    private static final TablePartition ORDERS = TablePartition.table("public.orders");
    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    private static final SnapshotRef SNAPSHOT = new SnapshotRef("0195488a-5c00-7000-8000-000000000001",
            "public.orders", T0);

    @Test
    void aSnapshotInProgressRoundTripsThroughItsMap() {
        TableOffset offset = TableOffset.initial(OffsetMode.SNAPSHOT)
                .withSnapshotStarted(SNAPSHOT, 3, "TICKET-1")
                .withRowSent(2, List.of(new KeyValue("region", "EU"), new KeyValue("id", 7)))
                .withRowSent(0, List.of(new KeyValue("region", "EU"), new KeyValue("id", 8L)));

        Map<String, Object> map = offset.toMap();

        assertThat(map).containsExactly(
                Map.entry("v", 1),
                Map.entry("mode", "snapshot"),
                Map.entry("snapshot.id", SNAPSHOT.id()),
                Map.entry("snapshot.started", T0.toEpochMilli()),
                Map.entry("snapshot.partition_rows", "1,0,1"),
                Map.entry("snapshot.key.0.column", "region"),
                Map.entry("snapshot.key.0.value", "EU"),
                Map.entry("snapshot.key.1.column", "id"),
                Map.entry("snapshot.key.1.value", 8L),
                Map.entry("snapshot.resnapshot", "TICKET-1"));
        assertThat(TableOffset.fromMap(ORDERS, map)).isEqualTo(offset);
        SnapshotProgress progress = offset.snapshot().orElseThrow();
        assertThat(progress.rowsSent()).isEqualTo(2);
        assertThat(progress.rowsPerTopicPartition()).containsExactly(1, 0, 1);
        assertThat(progress.ref("public.orders")).isEqualTo(SNAPSHOT);
        assertThat(progress.resumable()).isTrue();
    }

    @Test
    void aCompletedSnapshotIsRememberedAndTheNextOneStartsFromNothing() {
        TableOffset completed = TableOffset.initial(OffsetMode.SNAPSHOT).withSnapshotStarted(SNAPSHOT, 2, null)
                .withRowSent(1, List.of(new KeyValue("id", 1))).withSnapshotCompleted();
        SnapshotRef next = SnapshotRef.start("public.orders", T0.plusSeconds(86_400), T0);

        TableOffset nextStarted = completed.withSnapshotStarted(next, 2, null);

        assertThat(completed.snapshot()).isEmpty();
        assertThat(completed.lastCompleted()).contains(new CompletedSnapshot(SNAPSHOT.id(), T0, 1, null));
        assertThat(TableOffset.fromMap(ORDERS, completed.toMap())).isEqualTo(completed);
        assertThat(nextStarted.snapshot().orElseThrow().rowsSent()).isZero();
        assertThat(nextStarted.lastCompleted()).isEqualTo(completed.lastCompleted());
        assertThat(TableOffset.fromMap(ORDERS, nextStarted.toMap())).isEqualTo(nextStarted);
    }

    @Test
    void incrementalPositionsRoundTripLosslessly() {
        TableOffset byId = TableOffset.initial(OffsetMode.INCREMENTING).withPosition(null, 981L);
        TableOffset byText = TableOffset.initial(OffsetMode.INCREMENTING).withPosition(null, "A-000981");
        TableOffset byMicros = TableOffset.initial(OffsetMode.TIMESTAMP)
                .withPosition(Instant.parse("2026-01-01T00:00:00.123456Z"), null);
        TableOffset byBoth = TableOffset.initial(OffsetMode.TIMESTAMP_INCREMENTING)
                .withPosition(Instant.parse("2026-01-01T00:00:00.123456789Z"), 42L);

        for (TableOffset offset : List.of(byId, byText, byMicros, byBoth)) {
            assertThat(TableOffset.fromMap(ORDERS, offset.toMap())).isEqualTo(offset);
        }
        assertThat(byMicros.toMap()).containsEntry("timestamp", "2026-01-01T00:00:00.123456Z");
        assertThat(byBoth.toMap()).containsEntry("timestamp", "2026-01-01T00:00:00.123456789Z")
                .containsEntry("incrementing", 42L).containsEntry("mode", "timestamp+incrementing");
    }

    /** Connect accepts only primitive offset values, and its offset store keeps them as schemaless JSON. */
    @Test
    void everyOffsetIsWhatConnectAcceptsAndSurvivesItsOffsetStore() {
        JsonConverter store = new JsonConverter();
        store.configure(Map.of("schemas.enable", "false"), false);
        List<TableOffset> offsets = List.of(
                TableOffset.initial(OffsetMode.SNAPSHOT).withSnapshotStarted(SNAPSHOT, 4, "TICKET-1")
                        .withRowSent(3, List.of(new KeyValue("region", "EU"), new KeyValue("id", 7))),
                TableOffset.initial(OffsetMode.SNAPSHOT).withSnapshotStarted(SNAPSHOT, 1, null).withSnapshotCompleted(),
                TableOffset.initial(OffsetMode.TIMESTAMP_INCREMENTING)
                        .withPosition(Instant.parse("2026-01-01T00:00:00.000001Z"), Long.MAX_VALUE),
                TableOffset.initial(OffsetMode.INCREMENTING).withPosition(null, "A-1"));

        for (TableOffset offset : offsets) {
            OffsetUtils.validateFormat(offset.toMap());
            byte[] stored = store.fromConnectData("offsets", null, offset.toMap());
            @SuppressWarnings("unchecked")
            Map<String, Object> read = (Map<String, Object>) store.toConnectData("offsets", stored).value();
            assertThat(TableOffset.fromMap(ORDERS, read)).isEqualTo(offset);
        }
    }

    @Test
    void numbersComeBackAsWhateverIntegerTypeTheStoreGives() {
        Map<String, Object> map = new HashMap<>(Map.of("v", 1L, "mode", "incrementing", "incrementing", 7));

        assertThat(TableOffset.fromMap(ORDERS, map).incrementing()).contains(7L);
    }

    @Test
    void anOffsetFromAnotherVersionIsRefusedNamingTableAndVersion() {
        Map<String, Object> map = new HashMap<>(TableOffset.initial(OffsetMode.SNAPSHOT).toMap());
        map.put("v", 2);

        assertThatThrownBy(() -> TableOffset.fromMap(ORDERS, map)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("table public.orders").hasMessageContaining("'v' must be 1, not 2");
    }

    @Test
    void garbageIsRefusedNamingTheTableAndTheField() {
        Map<String, Object> valid = TableOffset.initial(OffsetMode.SNAPSHOT).withSnapshotStarted(SNAPSHOT, 2, null)
                .withRowSent(0, List.of(new KeyValue("email", "alice@example.com"))).toMap();

        assertRefused(valid, "mode", "bulk", "'mode' must be one of");
        assertRefused(valid, "snapshot.started", "yesterday", "'snapshot.started' must be a whole number");
        assertRefused(valid, "snapshot.partition_rows", "1,x", "'snapshot.partition_rows' must be comma-separated");
        assertRefused(valid, "snapshot.partition_rows", "0,0", "'snapshot.partition_rows' must be consistent");
        assertRefused(valid, "snapshot.key.0.value", 1.5, "'snapshot.key.0.value' must be a whole number or");
        assertRefused(valid, "snapshot.rowz", 1, "unknown field(s) [snapshot.rowz]");
        assertRefused(valid, "snapshot.key.2.column", "id", "unknown field(s) [snapshot.key.2.column]");
        assertRefused(valid, "timestamp", "2026-01-01T00:00:00Z", "inconsistent");
        assertRefused(valid, "v", null, "'v' must be 1 (it is missing)");
    }

    @Test
    void refusalsDoNotEchoKeyValues() {
        Map<String, Object> map = new LinkedHashMap<>(TableOffset.initial(OffsetMode.SNAPSHOT)
                .withSnapshotStarted(SNAPSHOT, 1, null)
                .withRowSent(0, List.of(new KeyValue("email", "alice@example.com"))).toMap());
        map.put("snapshot.partition_rows", "alice@example.com");
        TableOffset offset = TableOffset.initial(OffsetMode.SNAPSHOT).withSnapshotStarted(SNAPSHOT, 1, null)
                .withRowSent(0, List.of(new KeyValue("email", "alice@example.com")));

        assertThatThrownBy(() -> TableOffset.fromMap(ORDERS, map)).message().doesNotContain("alice");
        assertThat(offset.toString()).doesNotContain("alice").contains(SNAPSHOT.id());
    }

    @Test
    void aTableWithoutPrimaryKeyCannotResumeItsSnapshot() {
        TableOffset offset = TableOffset.initial(OffsetMode.SNAPSHOT).withSnapshotStarted(SNAPSHOT, 1, null)
                .withRowSent(0, List.of());

        assertThat(offset.snapshot().orElseThrow().resumable()).isFalse();
        assertThat(TableOffset.fromMap(ORDERS, offset.toMap())).isEqualTo(offset);
    }

    @Test
    void aModeSwitchUnderAnExistingOffsetIsDetectedWithTheWayOut() {
        TableOffset offset = TableOffset.initial(OffsetMode.TIMESTAMP).withPosition(T0, null);

        assertThat(offset.requireMode(OffsetMode.TIMESTAMP, ORDERS)).isSameAs(offset);
        assertThatThrownBy(() -> offset.requireMode(OffsetMode.INCREMENTING, ORDERS))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("written in mode 'timestamp'")
                .hasMessageContaining("mode 'incrementing'")
                .hasMessageContaining("{\"partition\": {\"table\": \"public.orders\"}, \"offset\": null}");
    }

    @Test
    void stepsThatDoNotFitTheModeAreProgrammingErrors() {
        TableOffset snapshot = TableOffset.initial(OffsetMode.SNAPSHOT);

        assertThatThrownBy(() -> snapshot.withRowSent(0, List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> snapshot.withPosition(T0, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> snapshot.withSnapshotStarted(SNAPSHOT, 2, null).withRowSent(2, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic partition 2");
        assertThatThrownBy(() -> TableOffset.initial(OffsetMode.INCREMENTING).withSnapshotStarted(SNAPSHOT, 1, null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TableOffset.initial(OffsetMode.INCREMENTING).withPosition(T0, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no timestamp");
    }

    private static void assertRefused(Map<String, Object> valid, String key, Object value, String message) {
        Map<String, Object> map = new HashMap<>(valid);
        map.put(key, value);
        if (value == null) {
            map.remove(key);
        }
        assertThatThrownBy(() -> TableOffset.fromMap(ORDERS, map)).as(key + "=" + value)
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("table public.orders")
                .hasMessageContaining(message);
    }
}

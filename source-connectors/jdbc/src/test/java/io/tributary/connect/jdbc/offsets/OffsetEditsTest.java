package io.tributary.connect.jdbc.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.smt.boundary.SnapshotRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** Every kind of {@code alterOffsets} request an operator can send, and how a task then reads the stored offset. */
class OffsetEditsTest {

    private static final TablePartition ORDERS = TablePartition.table("public.orders");
    private static final TablePartition EVENTS = TablePartition.table("public.events");
    private static final TablePartition USERS = TablePartition.table("public.users");
    private static final TablePartition AUDIT = TablePartition.table("public.audit");

    private final OffsetEdits edits = OffsetEdits.forTables(Map.of(
            "public.orders", OffsetMode.SNAPSHOT,
            "public.events", OffsetMode.INCREMENTING,
            "public.users", OffsetMode.TIMESTAMP,
            "public.audit", OffsetMode.TIMESTAMP_INCREMENTING));

    @Test
    void nullResetsAnyTableEvenOneTheConnectorNoLongerReads() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(ORDERS.toMap(), null);
        offsets.put(EVENTS.toMap(), null);
        offsets.put(TablePartition.table("public.dropped").toMap(), null);

        assertThat(edits.check(offsets)).isTrue();
        assertThat(StoredOffset.parse(ORDERS, null)).isEmpty();
    }

    @Test
    void aResnapshotRequestIsAcceptedForSnapshotTables() {
        assertThat(edits.check(Map.of(ORDERS.toMap(), Map.of("resnapshot", "TICKET-4711")))).isTrue();
        assertThat(edits.check(Map.of(ORDERS.toMap(), Map.of("resnapshot", 2L)))).isTrue();

        assertThat(StoredOffset.parse(ORDERS, Map.of("resnapshot", "TICKET-4711")))
                .contains(new ResnapshotRequest("TICKET-4711"));
        assertThat(StoredOffset.parse(ORDERS, Map.of("resnapshot", 2L))).contains(new ResnapshotRequest("2"));
    }

    @Test
    void aResnapshotRequestForAnIncrementalTableSaysWhatToDoInstead() {
        assertRefused(EVENTS, Map.of("resnapshot", "now"),
                "applies to tables read in snapshot mode", "give {\"incrementing\": <value>}");
    }

    @Test
    void startPositionsAreAcceptedInTheFormTheTablesModeNeeds() {
        assertThat(edits.check(Map.of(
                EVENTS.toMap(), Map.of("incrementing", 1000L),
                USERS.toMap(), Map.of("timestamp", "2026-01-01T00:00:00Z"),
                AUDIT.toMap(), Map.of("timestamp", "2026-01-01T01:00:00+01:00", "incrementing", 5L)))).isTrue();
        assertThat(edits.check(Map.of(AUDIT.toMap(), Map.of("timestamp", "2026-01-01T00:00:00Z")))).isTrue();

        assertThat(StoredOffset.parse(EVENTS, Map.of("incrementing", 1000))).contains(new StartFrom(null, 1000L));
        assertThat(StoredOffset.parse(AUDIT, Map.of("timestamp", "2026-01-01T01:00:00+01:00", "incrementing", 5L)))
                .contains(new StartFrom(Instant.parse("2026-01-01T00:00:00Z"), 5L));
    }

    @Test
    void startPositionsThatDoNotFitTheModeAreRefused() {
        assertRefused(EVENTS, Map.of("timestamp", "2026-01-01T00:00:00Z"), "give {\"incrementing\": <value>}");
        assertRefused(USERS, Map.of("incrementing", 5L), "give {\"timestamp\": \"<ISO-8601 instant>\"}");
        assertRefused(AUDIT, Map.of("incrementing", 5L), "optionally with \"incrementing\"");
        assertRefused(ORDERS, Map.of("incrementing", 5L), "{\"resnapshot\": \"<token>\"}");
    }

    @Test
    void malformedEditsAreRefusedWithTheFormsThatExist() {
        assertRefused(EVENTS, Map.of(), "neither a full offset");
        assertRefused(EVENTS, Map.of("incrementing", 1000L, "note", "x"), "neither a full offset");
        assertRefused(ORDERS, Map.of("resnapshot", "x", "timestamp", "2026-01-01T00:00:00Z"), "neither a full offset");
        assertRefused(ORDERS, Map.of("resnapshot", " "), "'resnapshot' must be a whole number or non-empty text");
        assertRefused(USERS, Map.of("timestamp", "yesterday"), "'timestamp' must be an ISO-8601 instant");
        assertRefused(EVENTS, Map.of("incrementing", 1.5), "'incrementing' must be a whole number or non-empty text");
    }

    @Test
    void aFullOffsetIsAcceptedInTheTablesModeOnly() {
        Map<String, Object> snapshotOffset = TableOffset.initial(OffsetMode.SNAPSHOT)
                .withSnapshotStarted(SnapshotRef.start("public.orders", Instant.now(), null), 2, null).toMap();
        Map<String, Object> eventsOffset = TableOffset.initial(OffsetMode.INCREMENTING).withPosition(null, 9L).toMap();

        assertThat(edits.check(Map.of(ORDERS.toMap(), snapshotOffset, EVENTS.toMap(), eventsOffset))).isTrue();
        assertRefused(USERS, eventsOffset, "written in mode 'incrementing'", "now reads it in mode 'timestamp'");
        Map<String, Object> future = new LinkedHashMap<>(eventsOffset);
        future.put("v", 2L);
        assertRefused(EVENTS, future, "'v' must be 1, not 2");
    }

    @Test
    void unknownOrMalformedPartitionsAreRefused() {
        assertRefused(TablePartition.table("orders"), Map.of("resnapshot", "x"), "does not read table orders");
        assertThatThrownBy(() -> edits.check(Map.of(Map.of("tabel", "public.orders"), Map.of("resnapshot", "x"))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("{\"table\": \"<schema.table>\"}");
        assertThatThrownBy(() -> edits.check(Map.of(Map.of("table", "public.orders", "x", 1), Map.of())))
                .isInstanceOf(ConnectException.class).hasMessageContaining("is not one of this connector's");
    }

    @Test
    void everyBadEntryIsListedInOneMessage() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(ORDERS.toMap(), Map.of("incrementing", 1L));
        offsets.put(EVENTS.toMap(), Map.of("resnapshot", "x"));
        offsets.put(USERS.toMap(), Map.of("timestamp", "2026-01-01T00:00:00Z"));

        assertThatThrownBy(() -> edits.check(offsets)).isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Offsets not altered: ")
                .hasMessageContaining("table public.orders").hasMessageContaining("table public.events")
                .message().doesNotContain("table public.users");
    }

    @Test
    void queriesArePartitionsOfTheirOwn() {
        OffsetEdits queryEdits = new OffsetEdits(partition -> partition.equals(TablePartition.query("daily_totals"))
                ? Optional.of(OffsetMode.SNAPSHOT) : Optional.empty());

        assertThat(queryEdits.check(Map.of(Map.of("query", "daily_totals"), Map.of("resnapshot", "x")))).isTrue();
        assertThatThrownBy(() -> queryEdits.check(Map.of(Map.of("table", "daily_totals"), Map.of("resnapshot", "x"))))
                .hasMessageContaining("does not read table daily_totals");
    }

    @Test
    void partitionsRoundTripAndPrintAsOperatorsWriteThem() {
        assertThat(TablePartition.fromMap(ORDERS.toMap())).isEqualTo(ORDERS);
        assertThat(TablePartition.fromMap(Map.of("query", "q"))).isEqualTo(TablePartition.query("q"));
        assertThat(TablePartition.table("a\"b").toJson()).isEqualTo("{\"table\": \"a\\\"b\"}");
        assertThat(List.of(ORDERS.toString(), TablePartition.query("q").toString()))
                .containsExactly("table public.orders", "query q");
    }

    private void assertRefused(TablePartition partition, Map<String, ?> offset, String... messages) {
        assertThatThrownBy(() -> edits.check(Map.of(partition.toMap(), offset)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining(partition.toString())
                .satisfies(e -> assertThat(e.getMessage()).contains(messages));
    }
}

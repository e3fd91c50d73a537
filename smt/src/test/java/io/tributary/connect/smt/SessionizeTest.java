package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class SessionizeTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_764_022_530_000L;
    private static final Schema CLICK = SchemaBuilder.struct().name("click")
            .field("id", Schema.INT64_SCHEMA)
            .field("user", SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build())
            .build();

    private static Sessionize<SinkRecord> sessionize(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("user.field", "user.id"));
        props.putAll(extra);
        Sessionize<SinkRecord> transform = new Sessionize<>();
        transform.configure(props);
        return transform;
    }

    /** A live event: schemaless JSON, user id read as a long. */
    private static SinkRecord event(long id, long user, long eventTime) {
        Map<String, Object> value = new HashMap<>();
        value.put("id", id);
        value.put("user", Map.of("id", user));
        return new SinkRecord("clicks", 0, null, null, null, value, id, eventTime, null);
    }

    /** A batch row: a Struct, user id an int32. */
    private static SinkRecord row(long id, int user, long eventTime) {
        Struct value = new Struct(CLICK).put("id", id)
                .put("user", new Struct(CLICK.field("user").schema()).put("id", user));
        return new SinkRecord("orders-snapshot", 0, null, null, CLICK, value, id, eventTime, null);
    }

    private static Object field(SinkRecord record, String name) {
        return record.value() instanceof Struct struct ? struct.get(name) : ((Map<?, ?>) record.value()).get(name);
    }

    @Test
    void aGapOfInactivityStartsANewSession() {
        Sessionize<SinkRecord> transform = sessionize(Map.of());

        SinkRecord first = transform.apply(event(1, 7, T0));
        SinkRecord second = transform.apply(event(2, 7, T0 + 29 * MINUTE));
        SinkRecord third = transform.apply(event(3, 7, T0 + 59 * MINUTE));
        SinkRecord otherUser = transform.apply(event(4, 8, T0 + 30 * MINUTE));

        assertThat(field(second, "session_id")).isEqualTo(field(first, "session_id"));
        assertThat(field(second, "session_start")).isEqualTo(T0);
        assertThat(field(third, "session_id")).isNotEqualTo(field(first, "session_id"));
        assertThat(field(third, "session_start")).isEqualTo(T0 + 59 * MINUTE);
        assertThat(field(otherUser, "session_id")).isNotIn(field(first, "session_id"), field(third, "session_id"));
        assertThat(field(first, "session_id")).isEqualTo(SessionIds.of("7", T0));
    }

    /**
     * The same clicks, once as a live stream (schemaless, interleaved by time) and once as a batch backfill
     * (Structs, ordered by user then time, as a snapshot ordered by key would be): the same session ids.
     */
    @Test
    void aBatchReplayGivesTheIdsTheStreamGave() {
        Random random = new Random(42);
        List<long[]> clicks = new ArrayList<>();  // id, user, event time
        long[] clock = new long[50];
        for (int i = 0; i < 5_000; i++) {
            int user = random.nextInt(50);
            clock[user] += random.nextInt(4) == 0 ? (31 + random.nextInt(120)) * MINUTE : random.nextInt(20) * MINUTE;
            clicks.add(new long[] {i, user, T0 + clock[user]});
        }
        clicks.sort(Comparator.comparingLong(click -> click[2]));
        Sessionize<SinkRecord> stream = sessionize(Map.of());
        Map<Long, Object> streamIds = new HashMap<>();
        for (long[] click : clicks) {
            streamIds.put(click[0], field(stream.apply(event(click[0], click[1], click[2])), "session_id"));
        }
        clicks.sort(Comparator.<long[]>comparingLong(click -> click[1]).thenComparingLong(click -> click[2]));
        Sessionize<SinkRecord> batch = sessionize(Map.of());
        Map<Long, Object> batchIds = new HashMap<>();
        for (long[] click : clicks) {
            batchIds.put(click[0], field(batch.apply(row(click[0], (int) click[1], click[2])), "session_id"));
        }

        assertThat(batchIds).isEqualTo(streamIds);
        assertThat(new java.util.HashSet<>(streamIds.values())).hasSizeGreaterThan(100);
    }

    @Test
    void anEventBeforeItsUsersSessionStartIsPlacedOnItsOwnAndFlagged() {
        Sessionize<SinkRecord> transform = sessionize(Map.of());
        transform.apply(event(1, 7, T0));

        SinkRecord early = transform.apply(event(2, 7, T0 - 5 * MINUTE));
        SinkRecord next = transform.apply(event(3, 7, T0 + 5 * MINUTE));

        assertThat(field(early, "session_id")).isEqualTo(SessionIds.of("7", T0 - 5 * MINUTE));
        assertThat(early.headers().lastWithName(Sessionize.OUT_OF_ORDER_HEADER).value()).isEqualTo(true);
        assertThat(field(next, "session_id")).isEqualTo(SessionIds.of("7", T0));
    }

    @Test
    void stateIsDroppedAfterItsTtlOfWallClockTime() {
        Sessionize<SinkRecord> transform = sessionize(Map.of("state.ttl.ms", Long.toString(45 * MINUTE)));
        AtomicLong nanos = new AtomicLong();
        transform.ticker(nanos::get);
        transform.apply(event(1, 7, T0));

        nanos.addAndGet(46 * MINUTE * 1_000_000L);
        SinkRecord later = transform.apply(event(2, 7, T0 + 10 * MINUTE));

        assertThat(field(later, "session_start")).as("the state was gone: a new session").isEqualTo(T0 + 10 * MINUTE);
    }

    @Test
    void addsFieldsToStructsOnceBuiltSchemas() {
        Sessionize<SinkRecord> transform = sessionize(Map.of("session.start.field", ""));

        SinkRecord a = transform.apply(row(1, 7, T0));
        SinkRecord b = transform.apply(row(2, 7, T0 + MINUTE));

        assertThat(a.valueSchema()).isSameAs(b.valueSchema());
        assertThat(a.valueSchema().field("session_start")).isNull();
        assertThat(a.valueSchema().field("session_id").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(((Struct) b.value()).get("id")).isEqualTo(2L);
    }

    @Test
    void badRecordsAndConfigsAreClearErrors() {
        Sessionize<SinkRecord> transform = sessionize(Map.of());
        SinkRecord noUser = new SinkRecord("clicks", 4, null, null, null, Map.of("id", 1L), 9, T0, null);
        SinkRecord noTime = new SinkRecord("clicks", 4, null, null, null, Map.of("user", Map.of("id", 1L)), 10);

        assertThatThrownBy(() -> transform.apply(noUser)).isInstanceOf(DataException.class)
                .hasMessageContaining("user.id").hasMessageContaining("partition=4").hasMessageContaining("offset=9");
        assertThatThrownBy(() -> transform.apply(noTime)).isInstanceOf(DataException.class)
                .hasMessageContaining("EventTime");
        assertThatThrownBy(() -> sessionize(Map.of("state.ttl.ms", "1000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("state.ttl.ms");
        assertThatThrownBy(() -> sessionize(Map.of("session.start.field", "session_id")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("session.start.field");
    }
}

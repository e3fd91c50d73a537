package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.smt.predicates.IsLate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class LateDataTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_764_022_530_000L;

    private static LateData<SinkRecord> lateData(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("allowed.lateness.ms", Long.toString(10 * MINUTE)));
        props.putAll(extra);
        LateData<SinkRecord> transform = new LateData<>();
        transform.configure(props);
        return transform;
    }

    private static SinkRecord click(int partition, long offset, long eventTime) {
        return new SinkRecord("clicks", partition, null, null, null, new HashMap<>(Map.of("id", offset)), offset,
                eventTime, null);
    }

    private static boolean late(SinkRecord record) {
        IsLate<SinkRecord> isLate = new IsLate<>();
        isLate.configure(Map.of());
        return isLate.test(record);
    }

    @Test
    void tagsRecordsOlderThanTheNewestSeenMinusTheAllowedLateness() {
        LateData<SinkRecord> transform = lateData(Map.of());
        SinkRecord first = click(0, 0, T0);

        List<SinkRecord> out = List.of(
                transform.apply(first),
                transform.apply(click(0, 1, T0 + 30 * MINUTE)),
                transform.apply(click(0, 2, T0 + 21 * MINUTE)),   // 9 minutes behind: on time
                transform.apply(click(0, 3, T0 + 19 * MINUTE)),   // 11 minutes behind: late
                transform.apply(click(0, 4, T0 + 20 * MINUTE)),   // exactly at the watermark: on time
                transform.apply(click(0, 5, T0 + 31 * MINUTE)));

        assertThat(out).extracting(LateDataTest::late).containsExactly(false, false, false, true, false, false);
        assertThat(out.get(0)).as("on-time records pass untouched").isSameAs(first);
        assertThat(transform.watermark("clicks", 0)).isEqualTo(T0 + 21 * MINUTE);
    }

    @Test
    void eachPartitionHasItsOwnWatermark() {
        LateData<SinkRecord> transform = lateData(Map.of());

        transform.apply(click(0, 0, T0 + 60 * MINUTE));

        assertThat(late(transform.apply(click(1, 0, T0)))).isFalse();
        assertThat(late(transform.apply(click(0, 1, T0)))).isTrue();
    }

    @Test
    void addsTheFieldToEveryValueAndTheWatermarkHeaderToLateOnes() {
        LateData<SinkRecord> transform = lateData(Map.of("late.field", "is_late",
                "watermark.header", "tributary.watermark"));
        Schema schema = SchemaBuilder.struct().name("click").field("id", Schema.INT64_SCHEMA).build();

        SinkRecord onTime = transform.apply(new SinkRecord("clicks", 0, null, null, schema,
                new Struct(schema).put("id", 1L), 1, T0 + 60 * MINUTE, null));
        SinkRecord lateStruct = transform.apply(new SinkRecord("clicks", 0, null, null, schema,
                new Struct(schema).put("id", 2L), 2, T0, null));
        SinkRecord lateMap = transform.apply(click(0, 3, T0));

        assertThat(((Struct) onTime.value()).get("is_late")).isEqualTo(false);
        assertThat(((Struct) lateStruct.value()).get("is_late")).isEqualTo(true);
        assertThat(((Struct) lateStruct.value()).get("id")).isEqualTo(2L);
        assertThat(lateStruct.valueSchema()).isSameAs(onTime.valueSchema());
        assertThat(((Map<?, ?>) lateMap.value()).get("is_late")).isEqualTo(true);
        assertThat(lateStruct.headers().lastWithName("tributary.watermark").value()).isEqualTo(T0 + 50 * MINUTE);
        assertThat(onTime.headers().lastWithName("tributary.watermark")).isNull();
        assertThat(late(onTime)).isFalse();
    }

    @Test
    void aRestartedTaskOnlyUnderTags() {
        LateData<SinkRecord> before = lateData(Map.of());
        before.apply(click(0, 0, T0 + 60 * MINUTE));
        LateData<SinkRecord> after = lateData(Map.of());

        assertThat(late(after.apply(click(0, 1, T0)))).as("no watermark yet after a restart").isFalse();
        assertThat(late(after.apply(click(0, 2, T0 + 30 * MINUTE)))).isFalse();
        assertThat(late(after.apply(click(0, 3, T0 + 5 * MINUTE)))).isTrue();
    }

    @Test
    void aRecordWithoutTimestampIsADataErrorNamingIt() {
        assertThatThrownBy(() -> lateData(Map.of()).apply(click(2, 7, 0).newRecord("clicks", 2, null, null, null,
                Map.of(), null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("clicks").hasMessageContaining("EventTime");
    }

    @Test
    void tombstonesPassUntouchedAndDoNotMoveTheWatermark() {
        LateData<SinkRecord> transform = lateData(Map.of());
        SinkRecord tombstone = new SinkRecord("clicks", 0, null, "k", null, null, 1, T0 + 90 * MINUTE, null);

        assertThat(transform.apply(tombstone)).isSameAs(tombstone);
        assertThat(transform.watermark("clicks", 0)).isNull();
    }

    @Test
    void latenessIsRequiredAndNotNegative() {
        assertThatThrownBy(() -> new LateData<SinkRecord>().configure(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("allowed.lateness.ms");
        assertThatThrownBy(() -> new LateData<SinkRecord>().configure(Map.of("allowed.lateness.ms", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("allowed.lateness.ms");
    }
}

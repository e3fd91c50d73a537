package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimeTest {

    private static final long T = Instant.parse("2026-11-24T22:15:30.123Z").toEpochMilli();

    private static EventTime<SinkRecord> valueTransform(Map<String, String> props) {
        EventTime<SinkRecord> transform = new EventTime.Value<>();
        transform.configure(props);
        return transform;
    }

    private static SinkRecord sinkRecord(Object value) {
        return new SinkRecord("clicks", 3, null, null, null, value, 42L, 1L, null);
    }

    @ParameterizedTest
    @CsvSource({
        "epoch_seconds, 1764022530, 1764022530000",
        "epoch_millis, 1764022530123, 1764022530123",
        "epoch_micros, 1764022530123456, 1764022530123",
        "EPOCH_MILLIS, 1764022530123, 1764022530123",
    })
    void readsEpochNumbersAndDigitStringsInTheConfiguredUnit(String format, String raw, long expected) {
        EventTime<SinkRecord> transform = valueTransform(Map.of("field", "ts", "format", format));

        assertThat(transform.apply(sinkRecord(Map.of("ts", Long.parseLong(raw)))).timestamp()).isEqualTo(expected);
        assertThat(transform.apply(sinkRecord(Map.of("ts", raw))).timestamp()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-24T22:15:30.123Z, UTC",
        "2026-11-24T23:15:30.123+01:00, UTC",
        "2026-11-24T23:15:30.123+01:00[Europe/Berlin], UTC",
        "2026-11-24T23:15:30.123, Europe/Berlin",
    })
    void readsIso8601WithOffsetZoneOrConfiguredZone(String text, String zone) {
        EventTime<SinkRecord> transform =
                valueTransform(Map.of("field", "ts", "format", "iso_8601", "zone", zone));

        assertThat(transform.apply(sinkRecord(Map.of("ts", text))).timestamp()).isEqualTo(T);
    }

    @Test
    void readsPatternInTheConfiguredZone() {
        EventTime<SinkRecord> transform = valueTransform(Map.of("field", "ts", "format", "pattern",
                "pattern", "dd/MM/yyyy HH:mm:ss.SSS", "zone", "America/New_York"));

        assertThat(transform.apply(sinkRecord(Map.of("ts", "24/11/2026 17:15:30.123"))).timestamp()).isEqualTo(T);
    }

    @Test
    void readsNestedStructFieldsAndTimestampLogicalType() {
        Schema event = SchemaBuilder.struct().field("at", Timestamp.SCHEMA).build();
        Schema value = SchemaBuilder.struct().field("event", event).field("user", Schema.STRING_SCHEMA).build();
        Struct struct = new Struct(value).put("event", new Struct(event).put("at", new Date(T))).put("user", "u1");
        EventTime<SourceRecord> transform = new EventTime.Value<>();
        transform.configure(Map.of("field", "event.at", "format", "iso_8601"));

        SourceRecord out = transform.apply(new SourceRecord(Map.of(), Map.of(), "clicks", 0, null, null, value, struct, 7L));

        assertThat(out.timestamp()).isEqualTo(T);
        assertThat(out.value()).isSameAs(struct);
        assertThat(out.valueSchema()).isSameAs(value);
    }

    @Test
    void keyVariantReadsTheKey() {
        EventTime<SinkRecord> transform = new EventTime.Key<>();
        transform.configure(Map.of("field", "ts"));
        SinkRecord record = new SinkRecord("clicks", 0, null, Map.of("ts", T), null, Map.of(), 1L, 5L, null);

        assertThat(transform.apply(record).timestamp()).isEqualTo(T);
    }

    @Test
    void keepsTombstonesUntouched() {
        SinkRecord tombstone = sinkRecord(null);

        assertThat(valueTransform(Map.of("field", "ts")).apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void missingFieldNamesFieldAndRecord() {
        Map<String, Object> value = new HashMap<>();
        value.put("ts", null);

        assertThatThrownBy(() -> valueTransform(Map.of("field", "ts")).apply(sinkRecord(value)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'ts'")
                .hasMessageContaining("topic=clicks partition=3 offset=42");
    }

    @Test
    void unparseableTimeNamesFieldValueAndRecord() {
        EventTime<SinkRecord> transform = valueTransform(Map.of("field", "ts", "format", "iso_8601"));

        assertThatThrownBy(() -> transform.apply(sinkRecord(Map.of("ts", "yesterday"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'ts'")
                .hasMessageContaining("'yesterday'")
                .hasMessageContaining("offset=42");
        assertThatThrownBy(() -> transform.apply(sinkRecord(Map.of("ts", 12L))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not a iso_8601 time");
    }

    @Test
    void overflowingSecondsAreADataError() {
        EventTime<SinkRecord> transform = valueTransform(Map.of("field", "ts", "format", "epoch_seconds"));

        assertThatThrownBy(() -> transform.apply(sinkRecord(Map.of("ts", Long.MAX_VALUE))))
                .isInstanceOf(DataException.class);
    }

    @Test
    void rejectsBadConfigsWithTheKeyNamed() {
        assertThatThrownBy(() -> valueTransform(Map.of("format", "epoch_millis")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("field");
        assertThatThrownBy(() -> valueTransform(Map.of("field", "ts", "format", "fortnights")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> valueTransform(Map.of("field", "ts", "format", "pattern")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pattern");
        assertThatThrownBy(() -> valueTransform(Map.of("field", "ts", "format", "pattern", "pattern", "yyyy-bb")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pattern");
        assertThatThrownBy(() -> valueTransform(Map.of("field", "ts", "zone", "Mars/Olympus")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("zone");
        assertThatThrownBy(() -> valueTransform(Map.of("field", "a..b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a..b");
    }
}

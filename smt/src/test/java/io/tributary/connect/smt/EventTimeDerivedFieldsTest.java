package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** EventTime's derived partition fields: one rule for Structs and Maps, batch rows and live events. */
class EventTimeDerivedFieldsTest {

    /** 2026-11-24T22:15:30Z: still the 24th in UTC, already the 25th in Kolkata (UTC+5:30). */
    private static final long T = Instant.parse("2026-11-24T22:15:30.123Z").toEpochMilli();

    private static final Schema CLICK = SchemaBuilder.struct().name("click")
            .field("id", Schema.INT64_SCHEMA)
            .field("event", SchemaBuilder.struct().field("ts", Schema.INT64_SCHEMA).build())
            .build();

    private static EventTime<SinkRecord> transform(String zone) {
        Map<String, String> props = new HashMap<>();
        props.put("field", "event.ts");
        props.put("derived.date.field", "event_date");
        props.put("derived.hour.field", "event_hour");
        if (zone != null) {
            props.put("derived.zone", zone);
        }
        EventTime<SinkRecord> transform = new EventTime.Value<>();
        transform.configure(props);
        return transform;
    }

    private static SinkRecord struct(long id) {
        Struct value = new Struct(CLICK).put("id", id).put("event", new Struct(CLICK.field("event").schema())
                .put("ts", T));
        return new SinkRecord("clicks", 0, null, null, CLICK, value, id);
    }

    private static SinkRecord map(long id) {
        Map<String, Object> value = new HashMap<>();
        value.put("id", id);
        value.put("event", Map.of("ts", T));
        return new SinkRecord("clicks", 0, null, null, null, value, id);
    }

    @Test
    void addsTheUtcDateAndHourToStructsAndMapsAlike() {
        EventTime<SinkRecord> transform = transform(null);

        SinkRecord batchRow = transform.apply(struct(1));
        SinkRecord liveEvent = transform.apply(map(1));

        Struct row = (Struct) batchRow.value();
        assertThat(row.get("event_date")).isEqualTo("2026-11-24");
        assertThat(row.get("event_hour")).isEqualTo(22L);
        assertThat(row.get("id")).isEqualTo(1L);
        assertThat(batchRow.valueSchema().field("event_date").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(batchRow.valueSchema().field("event_hour").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(batchRow.valueSchema().name()).isEqualTo("click");
        Map<?, ?> event = (Map<?, ?>) liveEvent.value();
        assertThat(event.get("event_date")).isEqualTo(row.get("event_date"));
        assertThat(event.get("event_hour")).isEqualTo(row.get("event_hour"));
        assertThat(batchRow.timestamp()).isEqualTo(T).isEqualTo(liveEvent.timestamp());
    }

    @Test
    void usesTheConfiguredZone() {
        SinkRecord record = transform("Asia/Kolkata").apply(map(1));

        assertThat(((Map<?, ?>) record.value()).get("event_date")).isEqualTo("2026-11-25");
        assertThat(((Map<?, ?>) record.value()).get("event_hour")).isEqualTo(3L);
    }

    @Test
    void buildsTheDerivedSchemaOncePerSourceSchema() {
        EventTime<SinkRecord> transform = transform(null);

        assertThat(transform.apply(struct(1)).valueSchema()).isSameAs(transform.apply(struct(2)).valueSchema());
    }

    @Test
    void replacesAFieldOfTheSameNameAndTypeAndRefusesAnotherType() {
        Schema withDate = SchemaBuilder.struct().field("ts", Schema.INT64_SCHEMA)
                .field("event_date", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema withIntDate = SchemaBuilder.struct().field("ts", Schema.INT64_SCHEMA)
                .field("event_date", Schema.INT32_SCHEMA).build();
        Map<String, String> props = Map.of("field", "ts", "derived.date.field", "event_date");
        EventTime<SinkRecord> transform = new EventTime.Value<>();
        transform.configure(props);

        SinkRecord replaced = transform.apply(new SinkRecord("clicks", 0, null, null, withDate,
                new Struct(withDate).put("ts", T).put("event_date", "stale"), 1));
        assertThat(((Struct) replaced.value()).get("event_date")).isEqualTo("2026-11-24");
        assertThat(replaced.valueSchema().fields()).hasSize(2);
        assertThatThrownBy(() -> transform.apply(new SinkRecord("clicks", 0, null, null, withIntDate,
                new Struct(withIntDate).put("ts", T).put("event_date", 1), 2)))
                .isInstanceOf(DataException.class).hasMessageContaining("event_date").hasMessageContaining("INT32");
    }

    @Test
    void addsToTheKeyWithTheKeyVariant() {
        EventTime<SourceRecord> transform = new EventTime.Key<>();
        transform.configure(Map.of("field", "ts", "derived.hour.field", "hour"));

        SourceRecord record = transform.apply(new SourceRecord(null, null, "clicks", null, null,
                Map.of("ts", T), null, "v"));

        Map<?, ?> key = (Map<?, ?>) record.key();
        assertThat(key.get("hour")).isEqualTo(22L);
        assertThat(key.get("ts")).isEqualTo(T);
        assertThat(record.value()).isEqualTo("v");
    }

    @Test
    void theSameNameForBothFieldsIsAConfigError() {
        assertThatThrownBy(() -> new EventTime.Value<SinkRecord>().configure(Map.of("field", "ts",
                "derived.date.field", "bucket", "derived.hour.field", "bucket")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("derived.hour.field");
        assertThatThrownBy(() -> new EventTime.Value<SinkRecord>().configure(Map.of("field", "ts",
                "derived.date.field", "d", "derived.zone", "Mars/Olympus")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("derived.zone");
    }

    @Test
    void leavesTombstonesAlone() {
        SinkRecord tombstone = new SinkRecord("clicks", 0, null, "k", null, null, 3);

        assertThat(transform(null).apply(tombstone)).isSameAs(tombstone);
    }
}

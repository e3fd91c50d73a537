package io.tributary.connect.smt;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Tags records that arrive later than the watermark of their topic partition. The watermark is the newest event
 * time seen on the partition minus the allowed lateness; a record whose event time (its timestamp — put
 * {@link EventTime} first) is older gets the header {@code tributary.late=true}, which {@code IsLate} matches, so
 * a predicate can route it to a corrections topic or table. Optionally a boolean field says the same in the
 * value, on every record.
 *
 * <p>The watermark lives in this transform instance, one per task, and starts empty: after a restart or a
 * rebalance the first records of a partition set it again. It can therefore only under-tag — a record late by
 * the old watermark may pass as on time just after a restart — never tag an on-time record late. Records without
 * a partition (a source connector's, before the producer picks one) share one watermark per topic.
 */
public final class LateData<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String LATENESS_CONFIG = "allowed.lateness.ms";
    public static final String HEADER_CONFIG = "header";
    public static final String FIELD_CONFIG = "late.field";
    public static final String WATERMARK_HEADER_CONFIG = "watermark.header";

    private static final String GROUP = "Late data";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(LATENESS_CONFIG, Type.LONG, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Range.atLeast(0),
                    Importance.HIGH, "How far behind the newest event time seen on its partition a record may be "
                            + "and still count as on time, in milliseconds, e.g. 600000 for 10 minutes.",
                    GROUP, 1, Width.SHORT, "Allowed lateness (ms)")
            .define(HEADER_CONFIG, Type.STRING, "tributary.late", new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Header set to true on late records (IsLate's default header).",
                    GROUP, 2, Width.MEDIUM, "Late header")
            .define(FIELD_CONFIG, Type.STRING, null, Importance.LOW,
                    "Name of a boolean field to add to every value: true when late. Not added when empty.",
                    GROUP, 3, Width.MEDIUM, "Late field")
            .define(WATERMARK_HEADER_CONFIG, Type.STRING, null, Importance.LOW,
                    "Header to carry the watermark a late record was judged by (epoch ms), for audits. Not set "
                            + "when empty.",
                    GROUP, 4, Width.MEDIUM, "Watermark header");

    private long lateness;
    private String header;
    private String field;
    private String watermarkHeader;
    /** Newest event time seen per topic partition; one task's transform is used by one thread. */
    private final Map<Partition, Long> newest = new HashMap<>();
    private AddedFields lateField;

    private record Partition(String topic, Integer partition) {
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        lateness = config.getLong(LATENESS_CONFIG);
        header = config.getString(HEADER_CONFIG);
        field = blankToNull(config.getString(FIELD_CONFIG));
        watermarkHeader = blankToNull(config.getString(WATERMARK_HEADER_CONFIG));
        lateField = new AddedFields("LateData", field == null ? Map.of()
                : Map.of(field, Schema.OPTIONAL_BOOLEAN_SCHEMA));
    }

    @Override
    public R apply(R record) {
        if (record.value() == null) {
            return record;  // a tombstone, or a snapshot's end marker: no event, nothing to judge
        }
        Long eventTime = record.timestamp();
        if (eventTime == null) {
            throw new DataException("LateData: record " + RecordDescription.of(record) + " has no timestamp; put "
                    + "EventTime before LateData to take the event time from a field");
        }
        Partition partition = new Partition(record.topic(), record.kafkaPartition());
        Long seen = newest.get(partition);
        long watermark = seen == null ? Long.MIN_VALUE : seen - lateness;
        boolean late = eventTime < watermark;
        if (seen == null || eventTime > seen) {
            newest.put(partition, eventTime);
        }
        if (!late && field == null) {
            return record;
        }
        Headers headers = record.headers().duplicate();
        if (late) {
            headers.addBoolean(header, true);
            if (watermarkHeader != null) {
                headers.addLong(watermarkHeader, watermark);
            }
        }
        if (field == null || record.value() == null) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    record.valueSchema(), record.value(), record.timestamp(), headers);
        }
        Schema schema = record.value() instanceof Struct struct ? lateField.schema(struct.schema())
                : record.valueSchema();
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
                lateField.add(record, record.value(), schema, late), record.timestamp(), headers);
    }

    /** The watermark of a partition as this task sees it now, or null before its first record. */
    Long watermark(String topic, Integer partition) {
        Long seen = newest.get(new Partition(topic, partition));
        return seen == null ? null : seen - lateness;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }

    @Override
    public void close() {
        newest.clear();
    }
}

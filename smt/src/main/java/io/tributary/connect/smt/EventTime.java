package io.tributary.connect.smt;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Reads an event-time field and makes it the record's timestamp, so that everything downstream — late-data
 * watermarks, sessions, the Iceberg sink's time partitions — works on when the event happened, not on when
 * it reached Kafka. {@link Value} reads the field from the record value, {@link Key} from the key.
 *
 * <p>Optionally adds partition fields derived from the event time — the date and the hour — by one rule
 * ({@link DerivedTimeFields}), so batch rows and live events bucket identically.
 */
public abstract class EventTime<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String FIELD_CONFIG = "field";
    public static final String FORMAT_CONFIG = "format";
    public static final String PATTERN_CONFIG = "pattern";
    public static final String ZONE_CONFIG = "zone";
    public static final String DATE_FIELD_CONFIG = "derived.date.field";
    public static final String HOUR_FIELD_CONFIG = "derived.hour.field";
    public static final String DERIVED_ZONE_CONFIG = "derived.zone";

    private static final String GROUP = "Event time";
    private static final String DERIVED_GROUP = "Derived partition fields";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FIELD_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Path of the event-time field, dotted for nested fields, e.g. 'event.ts'.",
                    GROUP, 1, Width.MEDIUM, "Event-time field")
            .define(FORMAT_CONFIG, Type.STRING, EventTimeParser.Format.EPOCH_MILLIS.configValue(),
                    ConfigDef.CaseInsensitiveValidString.in(formatNames()), Importance.HIGH,
                    "How the field is written: " + String.join(", ", formatNames())
                            + ". Timestamp-typed fields are read as they are whatever this says.",
                    GROUP, 2, Width.SHORT, "Format")
            .define(PATTERN_CONFIG, Type.STRING, null, Importance.MEDIUM,
                    "java.time DateTimeFormatter pattern, required when format is 'pattern', "
                            + "e.g. 'yyyy-MM-dd HH:mm:ss'.",
                    GROUP, 3, Width.MEDIUM, "Pattern")
            .define(ZONE_CONFIG, Type.STRING, "UTC", new ZoneValidator(), Importance.MEDIUM,
                    "Time zone for text times that carry no offset or zone.",
                    GROUP, 4, Width.SHORT, "Time zone")
            .define(DATE_FIELD_CONFIG, Type.STRING, null, Importance.MEDIUM,
                    "Name of a field to add holding the event date as ISO text, e.g. 'event_date' = '2026-11-24', "
                            + "in " + DERIVED_ZONE_CONFIG + ". Not added when empty.",
                    DERIVED_GROUP, 1, Width.MEDIUM, "Date field")
            .define(HOUR_FIELD_CONFIG, Type.STRING, null, Importance.MEDIUM,
                    "Name of a field to add holding the event's hour of day, 0 to 23, e.g. 'event_hour', in "
                            + DERIVED_ZONE_CONFIG + ". Not added when empty.",
                    DERIVED_GROUP, 2, Width.MEDIUM, "Hour field")
            .define(DERIVED_ZONE_CONFIG, Type.STRING, "UTC", new ZoneValidator(), Importance.MEDIUM,
                    "Time zone of the derived date and hour. Keep it the same for every connector that feeds one "
                            + "table, so a batch row and a live event fall in the same partition.",
                    DERIVED_GROUP, 3, Width.SHORT, "Derived fields' zone");

    private FieldPath field;
    private EventTimeParser parser;
    private DerivedTimeFields derived;

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        field = FieldPath.parse(config.getString(FIELD_CONFIG));
        EventTimeParser.Format format =
                EventTimeParser.Format.valueOf(config.getString(FORMAT_CONFIG).toUpperCase(Locale.ROOT));
        String pattern = config.getString(PATTERN_CONFIG);
        if (format == EventTimeParser.Format.PATTERN && (pattern == null || pattern.isBlank())) {
            throw new ConfigException(PATTERN_CONFIG, pattern, "is required when format is 'pattern'");
        }
        try {
            parser = new EventTimeParser(format, pattern, ZoneId.of(config.getString(ZONE_CONFIG)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PATTERN_CONFIG, pattern, e.getMessage());
        }
        String dateField = blankToNull(config.getString(DATE_FIELD_CONFIG));
        String hourField = blankToNull(config.getString(HOUR_FIELD_CONFIG));
        if (dateField != null && dateField.equals(hourField)) {
            throw new ConfigException(HOUR_FIELD_CONFIG, hourField, "must differ from " + DATE_FIELD_CONFIG);
        }
        derived = new DerivedTimeFields(dateField, hourField, ZoneId.of(config.getString(DERIVED_ZONE_CONFIG)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public R apply(R record) {
        Object container = operatingValue(record);
        if (container == null) {
            return record;  // a tombstone has no event time; keep it for compaction and deletes
        }
        Object value = field.get(container);
        if (value == null) {
            throw new DataException("EventTime: field '" + field + "' is missing or null in record "
                    + RecordDescription.of(record));
        }
        long timestamp;
        try {
            timestamp = parser.toEpochMillis(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new DataException("EventTime: field '" + field + "' of record " + RecordDescription.of(record)
                    + ": " + e.getMessage());
        }
        if (!derived.any()) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    record.valueSchema(), record.value(), timestamp, record.headers());
        }
        Schema schema = container instanceof Struct struct ? derived.schema(struct.schema()) : operatingSchema(record);
        return withOperating(record, schema, derived.add(record, container, schema, timestamp), timestamp);
    }

    protected abstract Object operatingValue(R record);

    protected abstract Schema operatingSchema(R record);

    /** A copy of {@code record} with the operated-on side replaced and the new timestamp. */
    protected abstract R withOperating(R record, Schema schema, Object operating, long timestamp);

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
    }

    private static String[] formatNames() {
        return Arrays.stream(EventTimeParser.Format.values()).map(EventTimeParser.Format::configValue)
                .toArray(String[]::new);
    }

    /** Reads the event time from the record key. */
    public static final class Key<R extends ConnectRecord<R>> extends EventTime<R> {
        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected R withOperating(R record, Schema schema, Object key, long timestamp) {
            return record.newRecord(record.topic(), record.kafkaPartition(), schema, key, record.valueSchema(),
                    record.value(), timestamp, record.headers());
        }
    }

    /** Reads the event time from the record value. */
    public static final class Value<R extends ConnectRecord<R>> extends EventTime<R> {
        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected R withOperating(R record, Schema schema, Object value, long timestamp) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    schema, value, timestamp, record.headers());
        }
    }

    private static final class ZoneValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of((String) value);
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "is not a time zone id such as 'UTC' or 'Europe/Berlin'");
            }
        }

        @Override
        public String toString() {
            return "a time zone id, e.g. UTC or Europe/Berlin";
        }
    }
}

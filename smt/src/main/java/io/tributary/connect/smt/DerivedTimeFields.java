package io.tributary.connect.smt;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;

/**
 * The partition fields {@link EventTime} derives from an event time, by one rule for every record: the date as
 * ISO text ({@code 2026-11-24}) and the hour of day (0 to 23, a long), both in one configured zone (UTC by default).
 * A batch row and a live event with the same event time get the same values, so they land in the same table
 * partition.
 *
 * <p>Text and a long rather than Connect's {@code Date}: a schemaless JSON value cannot carry a logical type,
 * and the same record must give the same fields with or without a schema. A long rather than an int because
 * JSON has one kind of whole number, which readers of schemaless values (JsonConverter, the Iceberg sink) take
 * as a long; an int here would make the batch table's column an int and the stream table's a long. The fields
 * are optional, so adding them to an existing table is a compatible change.
 */
final class DerivedTimeFields {

    private final boolean date;
    private final boolean hour;
    private final ZoneId zone;
    private final AddedFields fields;

    /** @param dateField or null; @param hourField or null */
    DerivedTimeFields(String dateField, String hourField, ZoneId zone) {
        this.date = dateField != null;
        this.hour = hourField != null;
        this.zone = zone;
        Map<String, Schema> added = new LinkedHashMap<>();
        if (date) {
            added.put(dateField, Schema.OPTIONAL_STRING_SCHEMA);
        }
        if (hour) {
            added.put(hourField, Schema.OPTIONAL_INT64_SCHEMA);
        }
        this.fields = new AddedFields("EventTime", added);
    }

    boolean any() {
        return !fields.isEmpty();
    }

    Schema schema(Schema source) {
        return fields.schema(source);
    }

    /** {@code container} with the derived fields of {@code epochMillis} added; a Struct gets {@code schema}. */
    Object add(ConnectRecord<?> record, Object container, Schema schema, long epochMillis) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
        String day = local.toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
        long hourOfDay = local.getHour();
        if (date && hour) {
            return fields.add(record, container, schema, day, hourOfDay);
        }
        return fields.add(record, container, schema, date ? day : hourOfDay);
    }
}

package io.tributary.connect.smt;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * The partition fields {@link EventTime} derives from an event time, by one rule for every record: the date as
 * ISO text ({@code 2026-11-24}) and the hour of day (0 to 23), both in one configured zone (UTC by default).
 * A batch row and a live event with the same event time get the same values, so they land in the same table
 * partition.
 *
 * <p>Text and a plain int rather than Connect's {@code Date}: a schemaless JSON value cannot carry a logical
 * type, and the same record must give the same fields with or without a schema. The fields are added at the
 * top level of a Struct or Map (after the existing fields; a field of the same name is replaced when it has the
 * same type) and are optional, so adding them to an existing table is a compatible change.
 */
final class DerivedTimeFields {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final Schema DATE_SCHEMA = Schema.OPTIONAL_STRING_SCHEMA;
    private static final Schema HOUR_SCHEMA = Schema.OPTIONAL_INT32_SCHEMA;

    private final String dateField;
    private final String hourField;
    private final ZoneId zone;
    /** Derived schemas by source schema: built once, not per record. */
    private final Cache<Schema, Schema> schemas = new SynchronizedCache<>(new LRUCache<>(16));

    /** @param dateField or null; @param hourField or null */
    DerivedTimeFields(String dateField, String hourField, ZoneId zone) {
        this.dateField = dateField;
        this.hourField = hourField;
        this.zone = zone;
    }

    boolean any() {
        return dateField != null || hourField != null;
    }

    Schema schema(Schema source) {
        Schema derived = schemas.get(source);
        if (derived == null) {
            derived = derive(source);
            schemas.put(source, derived);
        }
        return derived;
    }

    /** {@code container} with the derived fields of {@code epochMillis} added; a Struct gets {@code schema}. */
    Object add(Object container, Schema schema, long epochMillis) {
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
        String date = local.toLocalDate().format(DATE);
        int hour = local.getHour();
        if (container instanceof Struct struct) {
            Struct out = new Struct(schema);
            for (Field field : struct.schema().fields()) {
                out.put(field.name(), struct.get(field));
            }
            if (dateField != null) {
                out.put(dateField, date);
            }
            if (hourField != null) {
                out.put(hourField, hour);
            }
            return out;
        }
        if (container instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>(map);
            if (dateField != null) {
                out.put(dateField, date);
            }
            if (hourField != null) {
                out.put(hourField, hour);
            }
            return out;
        }
        throw new DataException("EventTime can add derived fields to a Struct or a Map, not "
                + container.getClass().getSimpleName());
    }

    private Schema derive(Schema source) {
        SchemaBuilder builder = SchemaBuilder.struct().name(source.name()).version(source.version())
                .doc(source.doc());
        if (source.parameters() != null) {
            builder.parameters(source.parameters());
        }
        if (source.isOptional()) {
            builder.optional();
        }
        for (Field field : source.fields()) {
            if (field.name().equals(dateField) || field.name().equals(hourField)) {
                Schema wanted = field.name().equals(dateField) ? DATE_SCHEMA : HOUR_SCHEMA;
                if (field.schema().type() != wanted.type()) {
                    throw new DataException("EventTime: the record already has a field '" + field.name()
                            + "' of type " + field.schema().type() + "; the derived field is " + wanted.type());
                }
                continue;  // replaced below, at the end, with the derived schema
            }
            builder.field(field.name(), field.schema());
        }
        if (dateField != null) {
            builder.field(dateField, DATE_SCHEMA);
        }
        if (hourField != null) {
            builder.field(hourField, HOUR_SCHEMA);
        }
        return builder.build();
    }
}

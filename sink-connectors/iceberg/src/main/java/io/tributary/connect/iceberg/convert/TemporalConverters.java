package io.tributary.connect.iceberg.convert;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import org.apache.iceberg.types.Type.PrimitiveType;
import org.apache.iceberg.types.Types;

/**
 * Converters for {@code date}, {@code time}, {@code timestamp} and {@code timestamptz}.
 *
 * <p>Connect carries all three logical types as {@link Date}: {@code Date} as midnight UTC of the day,
 * {@code Time} as the milliseconds since midnight on 1970-01-01, {@code Timestamp} as the instant. Reading
 * each in UTC therefore gives back exactly what the producer meant. A timestamp without zone is the
 * instant's UTC wall-clock time, and text without an offset is taken as UTC, so that a value never depends
 * on the worker's time zone.
 */
final class TemporalConverters {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private TemporalConverters() {
    }

    static ValueConverter forType(PrimitiveType type, String path) {
        return switch (type.typeId()) {
            case DATE -> value -> toDate(value, type, path);
            case TIME -> value -> toTime(value, type, path);
            case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC()
                    ? value -> toInstant(value, type, path).atOffset(ZoneOffset.UTC)
                    : value -> LocalDateTime.ofInstant(toInstant(value, type, path), ZoneOffset.UTC);
            default -> throw new IllegalArgumentException("Not a date or time type: " + type);
        };
    }

    private static LocalDate toDate(Object value, PrimitiveType type, String path) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Date date) {
            return LocalDate.ofEpochDay(Math.floorDiv(date.getTime(), MILLIS_PER_DAY));
        }
        if (value instanceof Integer days) {
            return LocalDate.ofEpochDay(days);
        }
        if (value instanceof String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw ConversionErrors.badValue(path, type, value, "is not an ISO-8601 date");
            }
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    private static LocalTime toTime(Object value, PrimitiveType type, String path) {
        if (value instanceof LocalTime time) {
            return time;
        }
        if (value instanceof Date date) {
            // A full timestamp in a time column keeps its UTC time of day.
            return ofMillisOfDay(Math.floorMod(date.getTime(), MILLIS_PER_DAY));
        }
        if (value instanceof Integer || value instanceof Long) {
            long millis = ((Number) value).longValue();
            if (millis < 0 || millis >= MILLIS_PER_DAY) {
                throw ConversionErrors.badValue(path, type, value, "is outside the milliseconds of one day");
            }
            return ofMillisOfDay(millis);
        }
        if (value instanceof String text) {
            try {
                return LocalTime.parse(text);
            } catch (DateTimeException e) {
                throw ConversionErrors.badValue(path, type, value, "is not an ISO-8601 time");
            }
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    private static LocalTime ofMillisOfDay(long millis) {
        return LocalTime.ofNanoOfDay(millis * 1_000_000L);
    }

    /** The instant of a timestamp value; truncated to the microseconds Iceberg stores. */
    private static Instant toInstant(Object value, PrimitiveType type, String path) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Long || value instanceof Integer) {
            return Instant.ofEpochMilli(((Number) value).longValue());
        }
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant().truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof String text) {
            return parseInstant(text, type, path);
        }
        throw ConversionErrors.wrongType(path, type, value);
    }

    private static Instant parseInstant(String text, PrimitiveType type, String path) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    LocalDateTime::from);
            Instant instant = parsed instanceof ZonedDateTime zoned ? zoned.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return instant.truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException e) {
            throw ConversionErrors.badValue(path, type, text, "is not an ISO-8601 timestamp");
        }
    }
}

package io.tributary.connect.smt;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Date;
import java.util.Locale;

/**
 * Turns an event-time value into epoch milliseconds by one rule, whichever connector or transform reads it,
 * so a batch row and a live event with the same time land in the same bucket.
 *
 * <p>{@link Date} values (Connect's {@code Timestamp}) are taken as they are. Numbers, and strings of digits,
 * are read in the configured epoch unit. Text in ISO-8601 or a pattern may carry an offset or zone; text
 * without one is read in the configured zone.
 */
public final class EventTimeParser {

    /** How event times are written in the data. */
    public enum Format {
        EPOCH_SECONDS, EPOCH_MILLIS, EPOCH_MICROS, ISO_8601, PATTERN;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Format format;
    private final DateTimeFormatter formatter;
    private final ZoneId zone;

    public EventTimeParser(Format format, String pattern, ZoneId zone) {
        this.format = format;
        this.zone = zone;
        this.formatter = switch (format) {
            case PATTERN -> DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            case ISO_8601 -> DateTimeFormatter.ISO_DATE_TIME;
            default -> null;
        };
    }

    /**
     * Epoch milliseconds of {@code value}.
     *
     * @throws IllegalArgumentException naming what was wrong with the value
     */
    public long toEpochMillis(Object value) {
        if (value instanceof Date date) {
            return date.getTime();
        }
        if (value instanceof Number number) {
            return fromEpoch(number.longValue());
        }
        if (value instanceof String text) {
            return formatter == null ? fromEpoch(parseLong(text)) : parseText(text.trim());
        }
        throw new IllegalArgumentException("an event time must be a number, a string or a timestamp, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private long fromEpoch(long value) {
        return switch (format) {
            case EPOCH_SECONDS -> Math.multiplyExact(value, 1000L);
            case EPOCH_MICROS -> Math.floorDiv(value, 1000L);
            case EPOCH_MILLIS -> value;
            default -> throw new IllegalArgumentException("a number is not a " + format.configValue() + " time");
        };
    }

    private long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + format.configValue() + " number");
        }
    }

    private long parseText(String text) {
        try {
            TemporalAccessor parsed = formatter.parse(text);
            Instant instant;
            if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
                instant = Instant.from(parsed);
            } else if (parsed.query(TemporalQueries.zone()) != null) {
                instant = ZonedDateTime.from(parsed).toInstant();
            } else {
                instant = LocalDateTime.from(parsed).atZone(zone).toInstant();
            }
            return instant.toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + format.configValue() + " time: "
                    + e.getMessage());
        }
    }
}

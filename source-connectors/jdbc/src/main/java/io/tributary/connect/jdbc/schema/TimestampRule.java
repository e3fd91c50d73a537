package io.tributary.connect.jdbc.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.kafka.connect.errors.DataException;

/**
 * The one rule for time values, applied to values read and to bounds bound as parameters alike:
 * <ul>
 *   <li>A timestamp with a time zone ({@code TIMESTAMPTZ}) is an instant and stays that instant.</li>
 *   <li>A timestamp without one ({@code TIMESTAMP}) is a wall-clock time read as if in UTC:
 *       {@code 2021-03-14 02:30:00} becomes {@code 2021-03-14T02:30:00Z}, whatever the time zone of the
 *       JVM, the worker or the database session. Values are read as {@link LocalDateTime}, never through
 *       {@code java.sql.Timestamp}, which would apply the JVM's zone (and shift times in its DST gaps) and
 *       the Julian calendar before 1582.</li>
 *   <li>A DATE is the UTC midnight that starts it; a TIME the time since midnight; a TIME WITH TIME ZONE
 *       the time of day in UTC.</li>
 * </ul>
 * Connect's {@code Timestamp} and {@code Time} count milliseconds, so finer digits are dropped, rounding
 * towards the past (also before 1970).
 */
public final class TimestampRule {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private TimestampRule() {
    }

    /** The instant a wall-clock time without zone stands for. */
    public static Instant instantOfWallClock(LocalDateTime wallClock) {
        return wallClock.toInstant(ZoneOffset.UTC);
    }

    /** The wall-clock time to compare with columns without zone: the inverse of {@link #instantOfWallClock}. */
    public static LocalDateTime wallClock(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The value to compare with columns with a zone. */
    public static OffsetDateTime zoned(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A Connect {@code Timestamp} value. */
    public static java.util.Date timestamp(Instant instant) {
        try {
            return new java.util.Date(instant.toEpochMilli());
        } catch (ArithmeticException e) {
            throw new DataException("holds a timestamp outside the range of Connect timestamps (such as PostgreSQL's "
                    + "'infinity')", e);
        }
    }

    /** A Connect {@code Date} value: the UTC midnight starting the day. */
    public static java.util.Date date(LocalDate date) {
        try {
            return new java.util.Date(Math.multiplyExact(date.toEpochDay(), MILLIS_PER_DAY));
        } catch (ArithmeticException e) {
            throw new DataException("holds a date outside the range of Connect dates (such as PostgreSQL's "
                    + "'infinity')", e);
        }
    }

    /** A Connect {@code Time} value: milliseconds since midnight. */
    public static java.util.Date time(LocalTime time) {
        return new java.util.Date(time.toNanoOfDay() / 1_000_000L);
    }

    /** A Connect {@code Time} value of a time with zone: the time of day in UTC. */
    public static java.util.Date time(OffsetTime time) {
        return time(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime());
    }

    /**
     * The instant of a value a driver returned for a timestamp of unknown kind: java.time types by the rule
     * above, {@code java.util.Date} (and {@code java.sql.Timestamp}) as the instant it holds.
     */
    public static Instant instantOf(Object value) {
        if (value instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime.toInstant();
        }
        if (value instanceof ZonedDateTime zonedDateTime) {
            return zonedDateTime.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDateTime localDateTime) {
            return instantOfWallClock(localDateTime);
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        throw new DataException("Not a timestamp: a " + (value == null ? "null" : value.getClass().getName()));
    }
}

package io.tributary.connect.events.schema;

import java.time.LocalDate;
import java.time.Year;

/**
 * Reads the ISO-8601 texts of dates, times of day and timestamps without {@code java.time}'s formatters: event
 * times are in nearly every event, and a formatter's parse costs about a microsecond, this a few dozen
 * nanoseconds. Strict about what it does take: four-digit years, two-digit fields, real calendar days, one to
 * nine fraction digits.
 *
 * <p>A text that does not fit gives {@link #INVALID} rather than an exception; the caller says why.
 */
final class IsoTimes {

    /** No valid text gives this: it is before year 0. */
    static final long INVALID = Long.MIN_VALUE;

    private static final int BAD_OFFSET = Integer.MIN_VALUE;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int[] FRACTION_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000,
        100, 10, 1};

    private IsoTimes() {
    }

    /** {@code yyyy-MM-dd} to days since 1970-01-01. */
    static long epochDay(String text) {
        return text.length() == 10 ? date(text, 0) : INVALID;
    }

    /** {@code HH:mm[:ss[.fffffffff]]} to nanoseconds since midnight. */
    static long nanoOfDay(String text) {
        return time(text, 0, text.length());
    }

    /**
     * {@code yyyy-MM-ddTHH:mm[:ss[.fffffffff]]} and an offset ({@code Z}, {@code +HH:mm}, {@code +HHmm},
     * {@code +HH}) to milliseconds since the epoch, sub-millisecond digits truncated. {@code T} may also be
     * {@code t} or a space (RFC 3339).
     *
     * @param withOffset whether the text must carry an offset (a timestamp) or must not (a local timestamp,
     *     whose wall-clock time is taken as UTC)
     */
    static long epochMillis(String text, boolean withOffset) {
        int length = text.length();
        if (length < 16) {
            return INVALID;
        }
        char separator = text.charAt(10);
        if (separator != 'T' && separator != 't' && separator != ' ') {
            return INVALID;
        }
        long day = date(text, 0);
        int zone = zoneStart(text, 11);
        if (day == INVALID || (zone < length) != withOffset) {
            return INVALID;
        }
        long nanos = time(text, 11, zone);
        int offset = withOffset ? offsetSeconds(text, zone) : 0;
        if (nanos == INVALID || offset == BAD_OFFSET) {
            return INVALID;
        }
        return day * MILLIS_PER_DAY + nanos / 1_000_000 - offset * 1000L;
    }

    private static long date(String text, int at) {
        int year = digits(text, at, 4);
        int month = digits(text, at + 5, 2);
        int day = digits(text, at + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)
                || text.charAt(at + 4) != '-' || text.charAt(at + 7) != '-') {
            return INVALID;
        }
        return LocalDate.of(year, month, day).toEpochDay();
    }

    private static long time(String text, int from, int to) {
        int length = to - from;
        if (length < 5 || text.charAt(from + 2) != ':') {
            return INVALID;
        }
        int hour = digits(text, from, 2);
        int minute = digits(text, from + 3, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return INVALID;
        }
        long nanos = (hour * 3600L + minute * 60L) * NANOS_PER_SECOND;
        if (length == 5) {
            return nanos;
        }
        if (length < 8 || text.charAt(from + 5) != ':') {
            return INVALID;
        }
        int second = digits(text, from + 6, 2);
        if (second < 0 || second > 59) {
            return INVALID;
        }
        nanos += second * NANOS_PER_SECOND;
        if (length == 8) {
            return nanos;
        }
        int fractionDigits = length - 9;
        if (text.charAt(from + 8) != '.' || fractionDigits < 1 || fractionDigits > 9) {
            return INVALID;
        }
        int fraction = digits(text, from + 9, fractionDigits);
        return fraction < 0 ? INVALID : nanos + (long) fraction * FRACTION_SCALE[fractionDigits];
    }

    /** Where the offset starts, or the length when there is none; a time holds no Z, + or -. */
    private static int zoneStart(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'Z' || c == 'z' || c == '+' || c == '-') {
                return i;
            }
        }
        return text.length();
    }

    private static int offsetSeconds(String text, int at) {
        int length = text.length() - at;
        char sign = text.charAt(at);
        if (sign == 'Z' || sign == 'z') {
            return length == 1 ? 0 : BAD_OFFSET;
        }
        int hours = digits(text, at + 1, 2);
        int minutes;
        if (length == 3) {
            minutes = 0;
        } else if (length == 5) {
            minutes = digits(text, at + 3, 2);
        } else if (length == 6 && text.charAt(at + 3) == ':') {
            minutes = digits(text, at + 4, 2);
        } else {
            return BAD_OFFSET;
        }
        // The range java.time allows for offsets.
        if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60) {
            return BAD_OFFSET;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The value of {@code count} ASCII digits from {@code at}, or -1 when they are not all there. */
    private static int digits(String text, int at, int count) {
        if (at + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}

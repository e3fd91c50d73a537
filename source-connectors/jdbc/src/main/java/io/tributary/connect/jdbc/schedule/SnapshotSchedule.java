package io.tributary.connect.jdbc.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a table is snapshot: {@code once}, {@code interval:<duration>} or {@code daily:HH:mm} in a time zone.
 *
 * <p>The rules ({@link #nextAfter}), each chosen so that a schedule never surprises by doing nothing:
 * <ul>
 *   <li>A table that has never been snapshot (or whose offsets were reset) is due at once, whatever the
 *       schedule: a connector created at 15:00 with {@code daily:02:00} delivers its first snapshot at 15:00,
 *       not eleven hours later.</li>
 *   <li>{@code once}: never again after that, unless an operator requests a re-snapshot.</li>
 *   <li>{@code interval}: due an interval after the previous snapshot <em>started</em>. A snapshot that
 *       takes longer than the interval is followed by the next one right away, never overlapping it.</li>
 *   <li>{@code daily}: due at the first occurrence of the time after the previous snapshot started. On the
 *       day clocks go forward a time inside the gap runs later by the gap's length (02:30 becomes 03:30 in
 *       Europe/Berlin); on the day they go back a time that occurs twice runs once, at its first
 *       occurrence ({@link ZonedDateTime#of} resolves both that way).</li>
 *   <li>Runs missed while the connector was down are caught up with <em>one</em> snapshot, at once; then
 *       the schedule goes on from that snapshot's start.</li>
 * </ul>
 * Pure {@code java.time}: callers pass the current instant, so tests need no clock.
 */
public final class SnapshotSchedule {

    /** The kinds of schedule. */
    public enum Kind { ONCE, INTERVAL, DAILY }

    static final String FORMS = "use 'once', 'interval:<ISO-8601 duration such as PT1H or P1D, or milliseconds>'"
            + " or 'daily:HH:mm' (a time of day in " + SnapshotScheduleConfig.TIME_ZONE + ")";

    private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{1,2}):(\\d{2})");

    private final Kind kind;
    private final Duration interval;
    private final LocalTime time;
    private final ZoneId zone;

    private SnapshotSchedule(Kind kind, Duration interval, LocalTime time, ZoneId zone) {
        this.kind = kind;
        this.interval = interval;
        this.time = time;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public static SnapshotSchedule once() {
        return new SnapshotSchedule(Kind.ONCE, null, null, ZoneId.of("UTC"));
    }

    public static SnapshotSchedule every(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, not " + interval);
        }
        return new SnapshotSchedule(Kind.INTERVAL, interval, null, ZoneId.of("UTC"));
    }

    public static SnapshotSchedule dailyAt(LocalTime time, ZoneId zone) {
        return new SnapshotSchedule(Kind.DAILY, null, time.withSecond(0).withNano(0), zone);
    }

    /**
     * Parses a schedule; {@code zone} is the time zone of a daily time (ignored by the other kinds).
     *
     * @throws IllegalArgumentException naming what is wrong and the forms that are accepted
     */
    public static SnapshotSchedule parse(String text, ZoneId zone) {
        String trimmed = text == null ? "" : text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("once")) {
            return once();
        }
        if (lower.startsWith("interval:")) {
            return every(parseInterval(trimmed, trimmed.substring("interval:".length()).trim()));
        }
        if (lower.startsWith("daily:")) {
            return dailyAt(parseTimeOfDay(trimmed, trimmed.substring("daily:".length()).trim()), zone);
        }
        throw invalid(trimmed, "unknown kind of schedule");
    }

    /**
     * When the next snapshot is due: {@code now} if it is due already, a later instant if not yet, empty if
     * never (a {@code once} schedule that has run).
     *
     * @param lastStart when the previous snapshot started, or null if the table has never been snapshot
     */
    public Optional<Instant> nextAfter(Instant lastStart, Instant now) {
        if (lastStart == null) {
            return Optional.of(now);
        }
        Instant due;
        switch (kind) {
            case ONCE:
                return Optional.empty();
            case INTERVAL:
                due = lastStart.plus(interval);
                break;
            default:
                due = firstOccurrenceAfter(lastStart);
                break;
        }
        return Optional.of(due.isAfter(now) ? due : now);
    }

    /** Whether a snapshot is due at {@code now}. */
    public boolean isDue(Instant lastStart, Instant now) {
        return nextAfter(lastStart, now).map(due -> !due.isAfter(now)).orElse(false);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> interval() {
        return Optional.ofNullable(interval);
    }

    public Optional<LocalTime> timeOfDay() {
        return Optional.ofNullable(time);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The daily time's first occurrence strictly after {@code instant}. */
    private Instant firstOccurrenceAfter(Instant instant) {
        // From the day before: in a zone whose gap spans midnight, the previous day's occurrence can be
        // shifted onto the instant's own day.
        LocalDate day = instant.atZone(zone).toLocalDate().minusDays(1);
        while (true) {
            Instant occurrence = ZonedDateTime.of(day, time, zone).toInstant();
            if (occurrence.isAfter(instant)) {
                return occurrence;
            }
            day = day.plusDays(1);
        }
    }

    private static Duration parseInterval(String text, String value) {
        Duration interval;
        try {
            interval = value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                    ? Duration.ofMillis(Long.parseLong(value))
                    : Duration.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw invalid(text, "'" + value + "' is neither an ISO-8601 duration nor a number of milliseconds");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw invalid(text, "the interval must be positive");
        }
        return interval;
    }

    private static LocalTime parseTimeOfDay(String text, String value) {
        Matcher matcher = TIME_OF_DAY.matcher(value);
        if (!matcher.matches()) {
            throw invalid(text, "'" + value + "' is not a time of day HH:mm");
        }
        try {
            return LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
        } catch (DateTimeException e) {
            throw invalid(text, "'" + value + "' is not a time of day HH:mm between 00:00 and 23:59");
        }
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("'" + text + "' is not a snapshot schedule: " + reason + "; " + FORMS);
    }

    /** The canonical text, which {@link #parse} reads back. */
    @Override
    public String toString() {
        switch (kind) {
            case ONCE:
                return "once";
            case INTERVAL:
                return "interval:" + interval;
            default:
                return String.format(Locale.ROOT, "daily:%02d:%02d", time.getHour(), time.getMinute());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SnapshotSchedule that && kind == that.kind && Objects.equals(interval, that.interval)
                && Objects.equals(time, that.time) && (kind != Kind.DAILY || zone.equals(that.zone));
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, interval, time, kind == Kind.DAILY ? zone : null);
    }
}

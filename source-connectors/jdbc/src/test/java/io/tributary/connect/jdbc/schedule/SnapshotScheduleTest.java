package io.tributary.connect.jdbc.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SnapshotScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void parsesEachKind() {
        assertThat(SnapshotSchedule.parse("once", BERLIN)).isEqualTo(SnapshotSchedule.once());
        assertThat(SnapshotSchedule.parse("interval:PT1H", BERLIN))
                .isEqualTo(SnapshotSchedule.parse(" Interval:3600000 ", BERLIN))
                .isEqualTo(SnapshotSchedule.every(Duration.ofHours(1)));
        assertThat(SnapshotSchedule.parse("interval:p1d", BERLIN).interval()).contains(Duration.ofDays(1));
        assertThat(SnapshotSchedule.parse("daily:2:30", BERLIN))
                .isEqualTo(SnapshotSchedule.dailyAt(LocalTime.of(2, 30), BERLIN));
    }

    @Test
    void theCanonicalTextParsesBack() {
        for (String text : List.of("once", "interval:PT1H30M", "daily:02:30")) {
            SnapshotSchedule schedule = SnapshotSchedule.parse(text, BERLIN);
            assertThat(schedule.toString()).isEqualTo(text);
            assertThat(SnapshotSchedule.parse(schedule.toString(), BERLIN)).isEqualTo(schedule);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "weekly:MON", "interval:", "interval:-PT1H", "interval:0", "interval:1 hour",
            "daily:25:00", "daily:02:60", "daily:2pm", "daily:"})
    void rejectsWhatIsNoScheduleNamingTheForms(String text) {
        assertThatThrownBy(() -> SnapshotSchedule.parse(text, BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a snapshot schedule")
                .hasMessageContaining("'once', 'interval:");
    }

    @Test
    void aTableNeverSnapshotIsDueAtOnceWhateverTheSchedule() {
        Instant now = at("2026-06-01T15:00:00+02:00");

        for (String text : List.of("once", "interval:PT1H", "daily:02:00")) {
            SnapshotSchedule schedule = SnapshotSchedule.parse(text, BERLIN);
            assertThat(schedule.nextAfter(null, now)).as(text).contains(now);
            assertThat(schedule.isDue(null, now)).as(text).isTrue();
        }
    }

    @Test
    void onceNeverRunsAgain() {
        Instant started = at("2026-06-01T15:00:00Z");

        assertThat(SnapshotSchedule.once().nextAfter(started, started.plus(Duration.ofDays(400)))).isEmpty();
        assertThat(SnapshotSchedule.once().isDue(started, started.plusSeconds(1))).isFalse();
    }

    @Test
    void anIntervalCountsFromThePreviousStart() {
        SnapshotSchedule hourly = SnapshotSchedule.every(Duration.ofHours(1));
        Instant started = at("2026-06-01T10:00:00Z");

        assertThat(hourly.nextAfter(started, started.plusSeconds(600))).contains(at("2026-06-01T11:00:00Z"));
        assertThat(hourly.isDue(started, at("2026-06-01T10:59:59Z"))).isFalse();
        assertThat(hourly.isDue(started, at("2026-06-01T11:00:00Z"))).isTrue();
    }

    @Test
    void missedIntervalsAreCaughtUpWithOneSnapshot() {
        SnapshotSchedule hourly = SnapshotSchedule.every(Duration.ofHours(1));
        Instant started = at("2026-06-01T10:00:00Z");
        Instant backAfterFiveHours = at("2026-06-01T15:20:00Z");

        assertThat(hourly.nextAfter(started, backAfterFiveHours)).contains(backAfterFiveHours);
        // The catch-up snapshot starts now; the next one is an hour after it, not at once again.
        assertThat(hourly.nextAfter(backAfterFiveHours, backAfterFiveHours.plusSeconds(5)))
                .contains(at("2026-06-01T16:20:00Z"));
    }

    @Test
    void aDailyScheduleRunsAtTheNextOccurrenceAfterThePreviousStart() {
        SnapshotSchedule daily = SnapshotSchedule.dailyAt(LocalTime.of(2, 0), BERLIN);
        Instant firstSnapshot = at("2026-06-01T15:00:00+02:00");

        assertThat(daily.nextAfter(firstSnapshot, firstSnapshot)).contains(at("2026-06-02T02:00:00+02:00"));
        Instant onTime = at("2026-06-02T02:00:00+02:00");
        assertThat(daily.nextAfter(onTime, onTime.plusSeconds(60))).contains(at("2026-06-03T02:00:00+02:00"));
    }

    @Test
    void missedDaysAreCaughtUpWithOneSnapshotThenTheScheduleResumes() {
        SnapshotSchedule daily = SnapshotSchedule.dailyAt(LocalTime.of(2, 0), BERLIN);
        Instant monday = at("2026-06-01T02:00:00+02:00");
        Instant wednesday = at("2026-06-03T10:00:00+02:00");

        assertThat(daily.nextAfter(monday, wednesday)).contains(wednesday);
        assertThat(daily.nextAfter(wednesday, wednesday.plusSeconds(1))).contains(at("2026-06-04T02:00:00+02:00"));
    }

    @Test
    void aTimeSkippedWhenClocksGoForwardRunsLaterByTheGap() {
        // Europe/Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist that day.
        SnapshotSchedule daily = SnapshotSchedule.dailyAt(LocalTime.of(2, 30), BERLIN);
        Instant saturday = at("2026-03-28T02:30:00+01:00");

        Instant sunday = daily.nextAfter(saturday, saturday).orElseThrow();

        assertThat(sunday).isEqualTo(at("2026-03-29T03:30:00+02:00"));
        assertThat(daily.nextAfter(sunday, sunday)).contains(at("2026-03-30T02:30:00+02:00"));
    }

    @Test
    void aTimeRepeatedWhenClocksGoBackRunsOnceAtItsFirstOccurrence() {
        // Europe/Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice that day.
        SnapshotSchedule daily = SnapshotSchedule.dailyAt(LocalTime.of(2, 30), BERLIN);
        Instant saturday = at("2026-10-24T02:30:00+02:00");

        Instant sunday = daily.nextAfter(saturday, saturday).orElseThrow();

        assertThat(sunday).isEqualTo(at("2026-10-25T02:30:00+02:00"));
        assertThat(daily.nextAfter(sunday, sunday)).as("not again at 02:30 CET an hour later")
                .contains(at("2026-10-26T02:30:00+01:00"));
    }

    @Test
    void theConfigFragmentValidatesBothKeysOnTheRightKey() {
        ConfigDef configDef = SnapshotScheduleConfig.define(new ConfigDef(), "Snapshots", 1);

        Map<String, List<String>> errors = configDef.validate(Map.of(
                        SnapshotScheduleConfig.SCHEDULE, "daily:25:00",
                        SnapshotScheduleConfig.TIME_ZONE, "Mars/Olympus_Mons"))
                .stream().collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));

        assertThat(errors.get(SnapshotScheduleConfig.SCHEDULE)).singleElement().asString()
                .contains("snapshot.schedule").contains("'daily:25:00' is not a snapshot schedule")
                .contains("daily:HH:mm");
        assertThat(errors.get(SnapshotScheduleConfig.TIME_ZONE)).singleElement().asString()
                .contains("Europe/Berlin");
    }

    @Test
    void theConfigFragmentDefaultsToOnceInUtc() {
        ConfigDef configDef = SnapshotScheduleConfig.define(new ConfigDef(), "Snapshots", 1);

        assertThat(SnapshotScheduleConfig.schedule(new AbstractConfig(configDef, Map.of())))
                .isEqualTo(SnapshotSchedule.once());
        SnapshotSchedule daily = SnapshotScheduleConfig.schedule(new AbstractConfig(configDef, Map.of(
                SnapshotScheduleConfig.SCHEDULE, "daily:02:00", SnapshotScheduleConfig.TIME_ZONE, "+02:00")));
        assertThat(daily.zone()).isEqualTo(ZoneOffset.ofHours(2));
    }

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }
}

package io.tributary.connect.jdbc.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The config fragment of snapshot schedules: {@value #SCHEDULE} and {@value #TIME_ZONE}. The connector's
 * config adds it with {@link #define}; the keys are visible to {@code validate()} with their validators.
 */
public final class SnapshotScheduleConfig {

    public static final String SCHEDULE = "snapshot.schedule";
    public static final String TIME_ZONE = "snapshot.time-zone";
    public static final String SCHEDULE_DEFAULT = "once";
    public static final String TIME_ZONE_DEFAULT = "UTC";

    private SnapshotScheduleConfig() {
    }

    /** Adds both keys to {@code configDef} in {@code group}, ordered from {@code firstOrder}. */
    public static ConfigDef define(ConfigDef configDef, String group, int firstOrder) {
        return configDef
                .define(SCHEDULE, Type.STRING, SCHEDULE_DEFAULT, new ScheduleValidator(), Importance.MEDIUM,
                        "When each table is snapshot: 'once' (when the connector first reads the table), "
                                + "'interval:<ISO-8601 duration or milliseconds>' (e.g. 'interval:PT1H', timed "
                                + "from the previous snapshot's start) or 'daily:HH:mm' (in " + TIME_ZONE + "). "
                                + "A table never snapshot before is snapshot at once; runs missed while the "
                                + "connector was stopped are caught up with one snapshot. Operators can request "
                                + "another snapshot through the Connect REST offsets API.",
                        group, firstOrder, Width.MEDIUM, "Snapshot schedule")
                .define(TIME_ZONE, Type.STRING, TIME_ZONE_DEFAULT, new TimeZoneValidator(), Importance.LOW,
                        "Time zone of a daily snapshot time, as a region ('Europe/Berlin') or an offset "
                                + "('+02:00'). A region follows daylight saving time: a time skipped when clocks "
                                + "go forward runs later by the gap, a time repeated when they go back runs once.",
                        group, firstOrder + 1, Width.MEDIUM, "Snapshot time zone");
    }

    /** The schedule a parsed config holds (validated already). */
    public static SnapshotSchedule schedule(AbstractConfig config) {
        return SnapshotSchedule.parse(config.getString(SCHEDULE), ZoneId.of(config.getString(TIME_ZONE).trim()));
    }

    /** Accepts what {@link SnapshotSchedule#parse} accepts; the message says which forms exist. */
    public static final class ScheduleValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                SnapshotSchedule.parse((String) value, ZoneOffset.UTC);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + ": " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "once, interval:<ISO-8601 duration or ms>, daily:HH:mm";
        }
    }

    /** Accepts a time-zone region or offset that {@link ZoneId#of} knows. */
    public static final class TimeZoneValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String zone = value == null ? "" : ((String) value).trim();
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "not a time zone; use a region such as 'Europe/Berlin' "
                        + "or 'America/New_York', 'UTC', or an offset such as '+02:00'");
            }
        }

        @Override
        public String toString() {
            return "a time-zone region or offset, e.g. Europe/Berlin";
        }
    }
}

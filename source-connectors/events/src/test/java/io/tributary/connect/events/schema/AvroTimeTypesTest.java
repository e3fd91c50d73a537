package io.tributary.connect.events.schema;

import static io.tributary.connect.events.schema.Events.field;
import static io.tributary.connect.events.schema.Events.reasonFor;
import static io.tributary.connect.events.schema.Events.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AvroTimeTypesTest {

    private static final AvroEventReader DATE = field("{\"type\": \"int\", \"logicalType\": \"date\"}");
    private static final AvroEventReader TIME_MILLIS = field("{\"type\": \"int\", \"logicalType\": \"time-millis\"}");
    private static final AvroEventReader TIME_MICROS = field("{\"type\": \"long\", \"logicalType\": \"time-micros\"}");
    private static final AvroEventReader MILLIS = field("{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}");
    private static final AvroEventReader MICROS = field("{\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}");
    private static final AvroEventReader NANOS = field("{\"type\": \"long\", \"logicalType\": \"timestamp-nanos\"}");
    private static final AvroEventReader LOCAL_MILLIS =
            field("{\"type\": \"long\", \"logicalType\": \"local-timestamp-millis\"}");
    private static final AvroEventReader LOCAL_MICROS =
            field("{\"type\": \"long\", \"logicalType\": \"local-timestamp-micros\"}");

    private static Date at(String instant) {
        return Date.from(Instant.parse(instant));
    }

    @Test
    void dateFromTextOrEpochDays() {
        assertThat(DATE.schema().field("f").schema()).isEqualTo(org.apache.kafka.connect.data.Date.SCHEMA);
        assertThat(valueOf(DATE, "\"2026-12-02\"")).isEqualTo(at("2026-12-02T00:00:00Z"));
        assertThat(valueOf(DATE, "\"2024-02-29\"")).isEqualTo(at("2024-02-29T00:00:00Z"));
        assertThat(valueOf(DATE, "\"1969-12-31\"")).isEqualTo(new Date(-86_400_000L));
        assertThat(valueOf(DATE, "20789")).isEqualTo(new Date(LocalDate.of(2026, 12, 2).toEpochDay() * 86_400_000L));
        assertThat(valueOf(DATE, "-1")).isEqualTo(new Date(-86_400_000L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-2-02", "2026-13-01", "2026-00-10", "2026-11-31", "2025-02-29", "2026-12-02T00:00",
        "26-12-02", "2026/12/02", "", "２０２６-12-02"})
    void dateRefusesOtherText(String text) {
        assertThat(reasonFor(DATE, "\"" + text + "\"")).isEqualTo("field 'f': expected a date as yyyy-MM-dd");
    }

    @Test
    void dateRefusesOtherKinds() {
        assertThat(reasonFor(DATE, "1.5"))
                .isEqualTo("field 'f': expected an integer, got a number with a fraction or an exponent");
        assertThat(reasonFor(TIME_MILLIS, "1e3"))
                .isEqualTo("field 'f': expected an integer, got a number with a fraction or an exponent");
        assertThat(reasonFor(DATE, "true"))
                .isEqualTo("field 'f': expected a date as yyyy-MM-dd or days since 1970-01-01, got a boolean");
        assertThat(reasonFor(DATE, "2147483648")).isEqualTo("field 'f': integer out of the 32-bit range");
    }

    @Test
    void timeMillisFromTextOrMillisOfTheDay() {
        assertThat(TIME_MILLIS.schema().field("f").schema()).isEqualTo(Time.SCHEMA);
        assertThat(valueOf(TIME_MILLIS, "\"10:15\"")).isEqualTo(new Date(millisOf("10:15")));
        assertThat(valueOf(TIME_MILLIS, "\"10:15:30\"")).isEqualTo(new Date(millisOf("10:15:30")));
        assertThat(valueOf(TIME_MILLIS, "\"10:15:30.123\"")).isEqualTo(new Date(millisOf("10:15:30.123")));
        assertThat(valueOf(TIME_MILLIS, "\"10:15:30.1\"")).isEqualTo(new Date(millisOf("10:15:30.100")));
        assertThat(valueOf(TIME_MILLIS, "\"23:59:59.999999\"")).as("truncated")
                .isEqualTo(new Date(86_399_999L));
        assertThat(valueOf(TIME_MILLIS, "0")).isEqualTo(new Date(0));
        assertThat(valueOf(TIME_MILLIS, "86399999")).isEqualTo(new Date(86_399_999L));
    }

    @Test
    void timeMillisRefusesOtherValues() {
        String text = "field 'f': expected a time of day as HH:mm[:ss[.fraction]]";
        for (String bad : new String[] {"24:00", "10:60", "10:15:60", "10:15:30.", "10:15:30.1234567890", "10:15:3",
            "1015", "10.15", "10:15Z"}) {
            assertThat(reasonFor(TIME_MILLIS, "\"" + bad + "\"")).as(bad).isEqualTo(text);
        }
        assertThat(reasonFor(TIME_MILLIS, "86400000"))
                .isEqualTo("field 'f': expected milliseconds since midnight, 0 to 86399999");
        assertThat(reasonFor(TIME_MILLIS, "-1"))
                .isEqualTo("field 'f': expected milliseconds since midnight, 0 to 86399999");
        assertThat(reasonFor(TIME_MILLIS, "[]"))
                .isEqualTo("field 'f': expected a time as HH:mm:ss.SSS or milliseconds since midnight, got an array");
    }

    @Test
    void timeMicrosIsAPlainLongOfMicrosOfTheDay() {
        assertThat(TIME_MICROS.schema().field("f").schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(valueOf(TIME_MICROS, "36930123456")).isEqualTo(36_930_123_456L);
        assertThat(valueOf(TIME_MICROS, "\"10:15:30.123456\"")).isEqualTo(36_930_123_456L);
        assertThat(reasonFor(TIME_MICROS, "86400000000"))
                .isEqualTo("field 'f': expected microseconds since midnight, 0 to 86399999999");
        assertThat(reasonFor(TIME_MICROS, "1.0"))
                .isEqualTo("field 'f': expected an integer, got a number with a fraction or an exponent");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-12-02T10:15:30.123Z        | 2026-12-02T10:15:30.123Z",
        "2026-12-02T10:15:30Z            | 2026-12-02T10:15:30Z",
        "2026-12-02T10:15Z               | 2026-12-02T10:15:00Z",
        "2026-12-02t10:15:30.5z          | 2026-12-02T10:15:30.500Z",
        "2026-12-02 10:15:30.123Z        | 2026-12-02T10:15:30.123Z",
        "2026-12-02T11:15:30.123+01:00   | 2026-12-02T10:15:30.123Z",
        "2026-12-02T05:45:30.123-04:30   | 2026-12-02T10:15:30.123Z",
        "2026-12-02T15:45:30.123+0530    | 2026-12-02T10:15:30.123Z",
        "2026-12-02T12:15:30.123+02      | 2026-12-02T10:15:30.123Z",
        "2026-12-02T10:15:30.123999999Z  | 2026-12-02T10:15:30.123Z",
        "1969-12-31T23:59:59.999Z        | 1969-12-31T23:59:59.999Z",
        "2024-02-29T00:00:00-00:00       | 2024-02-29T00:00:00Z",
    })
    void timestampFromIsoTextWithAnOffset(String text, String instant) {
        assertThat(MILLIS.schema().field("f").schema()).isEqualTo(Timestamp.SCHEMA);
        assertThat(valueOf(MILLIS, "\"" + text + "\"")).isEqualTo(at(instant));
        assertThat(valueOf(MICROS, "\"" + text + "\"")).isEqualTo(at(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02T10:15:30.123", "2026-12-02", "2026-12-02T10:15:30.123+1",
        "2026-12-02T10:15:30Zx",
        "2026-12-02T10:15:30+19:00", "2026-12-02T10:15:30+01:60", "2026-12-02X10:15:30Z", "2026-12-32T10:15:30Z",
        "2026-12-02T25:15:30Z", "1764670530123", "+2026-12-02T10:15:30Z"})
    void timestampRefusesOtherText(String text) {
        assertThat(reasonFor(MILLIS, "\"" + text + "\""))
                .isEqualTo("field 'f': expected an ISO-8601 timestamp with an offset, like 2026-12-02T10:15:30.123Z");
    }

    @Test
    void timestampFromEpochNumbersInTheSchemasUnitTruncatedToMillis() {
        long millis = Instant.parse("2026-12-02T10:15:30.123Z").toEpochMilli();
        assertThat(valueOf(MILLIS, Long.toString(millis))).isEqualTo(new Date(millis));
        assertThat(valueOf(MICROS, millis + "999")).isEqualTo(new Date(millis));
        assertThat(valueOf(NANOS, millis + "999999")).isEqualTo(new Date(millis));
        assertThat(valueOf(MICROS, "-1")).as("towards the past").isEqualTo(new Date(-1));
        assertThat(reasonFor(MILLIS, "1.5e12"))
                .isEqualTo("field 'f': expected an integer, got a number with a fraction or an exponent");
        assertThat(reasonFor(MILLIS, "99999999999999999999")).isEqualTo("field 'f': integer out of the 64-bit range");
        assertThat(reasonFor(MILLIS, "{}"))
                .isEqualTo("field 'f': expected a timestamp string or milliseconds since the epoch, got an object");
        assertThat(reasonFor(MICROS, "false"))
                .isEqualTo("field 'f': expected a timestamp string or microseconds since the epoch, got a boolean");
    }

    @Test
    void localTimestampsTakeTextWithoutAnOffsetAsUtc() {
        assertThat(LOCAL_MILLIS.schema().field("f").schema()).isEqualTo(Timestamp.SCHEMA);
        assertThat(valueOf(LOCAL_MILLIS, "\"2026-12-02T10:15:30.123\"")).isEqualTo(at("2026-12-02T10:15:30.123Z"));
        assertThat(valueOf(LOCAL_MICROS, "\"2026-12-02T10:15:30.123456\"")).isEqualTo(at("2026-12-02T10:15:30.123Z"));
        assertThat(valueOf(LOCAL_MICROS, "1764670530123456")).isEqualTo(new Date(1_764_670_530_123L));
        assertThat(reasonFor(LOCAL_MILLIS, "\"2026-12-02T10:15:30.123Z\"")).isEqualTo(
                "field 'f': expected an ISO-8601 local timestamp without an offset, like 2026-12-02T10:15:30.123");
        assertThat(reasonFor(LOCAL_MILLIS, "true")).isEqualTo(
                "field 'f': expected a local timestamp string or milliseconds since the epoch, got a boolean");
    }

    @Test
    void messagesNeverHoldTheValue() {
        assertThat(reasonFor(MILLIS, "\"2026-99-99T10:15:30Z\"")).doesNotContain("99");
        assertThat(reasonFor(DATE, "\"1999-99-01\"")).doesNotContain("1999");
    }

    private static long millisOf(String time) {
        return LocalTime.parse(time).toNanoOfDay() / 1_000_000;
    }
}

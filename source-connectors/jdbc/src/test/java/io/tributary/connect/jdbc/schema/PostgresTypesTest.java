package io.tributary.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.PostgresDialect;
import io.tributary.testkit.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresTypesTest {

    private static final TableId EVERY_TYPE = TableId.of("public", "every_type");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static TestPostgres postgres;
    private final Dialect dialect = new PostgresDialect();

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private String database;

    /** A fresh database; the returned connection writes, {@link #reader()} gives connections that read. */
    private Connection newDatabase() throws SQLException {
        database = "types_" + DATABASES.incrementAndGet();
        postgres.createDatabase(database);
        return postgres.connect(database);
    }

    private Connection reader() throws SQLException {
        return postgres.connect(database);
    }

    @Test
    void everyTypeRoundTripsWhateverTheJvmTimeZone() throws SQLException {
        TimeZone original = TimeZone.getDefault();
        // New York has a DST gap at 2021-03-14 02:30 and an overlap at 2021-11-07 01:30: reading a timestamp
        // through the JVM's zone would shift or misplace both. The driver also sets the session's zone from it.
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try (Connection connection = newDatabase()) {
            createEveryTypeTable(connection);

            Rows rows = Rows.read(dialect, reader(), "SELECT * FROM every_type ORDER BY id", EVERY_TYPE,
                    List.of("id"), TypeMappingOptions.DEFAULTS);

            assertEveryTypeSchema(rows.converter.valueSchema());
            assertThat(rows.values).hasSize(3);
            assertMaximumRow(rows.values.get(0));
            assertMinimumRow(rows.values.get(1));
            assertNullRow(rows.values.get(2));
            Struct key = rows.converter.key(rows.values.get(0));
            assertThat(key.schema().name()).isEqualTo("tributary.jdbc.public.every_type.Key");
            assertThat(key.schema().fields()).extracting(f -> f.name()).containsExactly("id");
            assertThat(key.get("id")).isEqualTo(1);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    private static void createEveryTypeTable(Connection connection) throws SQLException {
        Rows.execute(connection,
                "CREATE TYPE mood AS ENUM ('sad', 'happy')",
                "CREATE TABLE every_type (id integer PRIMARY KEY, c_smallint smallint, c_integer integer, "
                        + "c_bigint bigint, c_numeric numeric(12,2), c_numeric_free numeric, c_real real, "
                        + "c_double double precision, c_boolean boolean, c_bit bit(1), c_bits bit(4), c_char char(3), "
                        + "c_varchar varchar(20), c_text text, c_bytea bytea, c_date date, c_time time, c_timetz timetz, "
                        + "c_timestamp timestamp, c_timestamptz timestamptz, c_uuid uuid, c_json json, c_jsonb jsonb, "
                        + "c_int_array int[], c_text_array text[], c_numeric_array numeric(5,1)[], "
                        + "c_timestamp_array timestamp[], c_uuid_array uuid[], c_mood mood, c_inet inet, "
                        + "c_required text NOT NULL)",
                "INSERT INTO every_type VALUES (1, 32767, 2147483647, 9223372036854775807, 9999999999.99, "
                        + "'123456789012345678901234567890.123456789', 1.5, 1.7976931348623157e308, true, B'1', B'1010', "
                        + "'abc', 'Grüße 👋 日本', E'line\\none \"quoted\" ''x''', '\\x00ff10', '1582-10-10', "
                        + "'23:59:59.999', '10:00:00+02', '2021-03-14 02:30:00', '2021-11-07 01:30:00-04', "
                        + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, 2]}', '{\"b\": \"ü\"}', "
                        + "'{1,NULL,3}', '{\"x\",\"\"}', '{1.5,-2.0}', '{\"1969-07-20 20:17:40.5\"}', "
                        + "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', 'happy', '192.168.0.1/24', 'r')",
                "INSERT INTO every_type VALUES (2, -32768, -2147483648, -9223372036854775808, -12345.67, "
                        + "'-0.000000000000000000001', -0.25, -2.5e-300, false, B'0', B'0000', "
                        + "'', '', '', '\\x', '1969-12-31', '00:00:00', '00:30:00-05:30', '1969-07-20 20:17:40.5', "
                        + "'1969-12-31 23:59:59.9995+00', '00000000-0000-0000-0000-000000000000', 'null', '[]', "
                        + "'{}', '{}', '{}', '{}', '{}', 'sad', '::1', '')",
                "INSERT INTO every_type (id, c_required) VALUES (3, 'only the required')");
    }

    private static void assertEveryTypeSchema(Schema schema) {
        assertThat(schema.name()).isEqualTo("tributary.jdbc.public.every_type.Value");
        assertThat(schema.field("id").schema()).isEqualTo(Schema.INT32_SCHEMA);
        assertThat(schema.field("c_smallint").schema()).isEqualTo(Schema.OPTIONAL_INT16_SCHEMA);
        assertThat(schema.field("c_integer").schema()).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
        assertThat(schema.field("c_bigint").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        Schema decimal = schema.field("c_numeric").schema();
        assertThat(decimal.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(decimal.parameters()).containsEntry(Decimal.SCALE_FIELD, "2")
                .containsEntry("connect.decimal.precision", "12");
        assertThat(schema.field("c_numeric_free").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("c_real").schema()).isEqualTo(Schema.OPTIONAL_FLOAT32_SCHEMA);
        assertThat(schema.field("c_double").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
        assertThat(schema.field("c_boolean").schema()).isEqualTo(Schema.OPTIONAL_BOOLEAN_SCHEMA);
        assertThat(schema.field("c_bit").schema()).isEqualTo(Schema.OPTIONAL_BOOLEAN_SCHEMA);
        assertThat(schema.field("c_bits").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("c_bytea").schema()).isEqualTo(Schema.OPTIONAL_BYTES_SCHEMA);
        assertThat(schema.field("c_date").schema()).isEqualTo(Date.builder().optional().build());
        assertThat(schema.field("c_time").schema()).isEqualTo(Time.builder().optional().build());
        assertThat(schema.field("c_timetz").schema()).isEqualTo(Time.builder().optional().build());
        assertThat(schema.field("c_timestamp").schema()).isEqualTo(Timestamp.builder().optional().build());
        assertThat(schema.field("c_timestamptz").schema()).isEqualTo(Timestamp.builder().optional().build());
        assertThat(schema.field("c_uuid").schema().name()).isEqualTo(SemanticTypes.UUID);
        assertThat(schema.field("c_json").schema().name()).isEqualTo(SemanticTypes.JSON);
        assertThat(schema.field("c_jsonb").schema().name()).isEqualTo(SemanticTypes.JSON);
        Schema intArray = schema.field("c_int_array").schema();
        assertThat(intArray.type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(intArray.isOptional()).isTrue();
        assertThat(intArray.valueSchema()).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
        assertThat(schema.field("c_text_array").schema().valueSchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("c_numeric_array").schema().valueSchema().parameters())
                .containsEntry(Decimal.SCALE_FIELD, "1");
        assertThat(schema.field("c_timestamp_array").schema().valueSchema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(schema.field("c_uuid_array").schema().valueSchema().name()).isEqualTo(SemanticTypes.UUID);
        assertThat(schema.field("c_mood").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("c_inet").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("c_required").schema()).isEqualTo(Schema.STRING_SCHEMA);
    }

    private static void assertMaximumRow(Struct row) {
        assertThat(row.get("c_smallint")).isEqualTo((short) 32767);
        assertThat(row.get("c_integer")).isEqualTo(Integer.MAX_VALUE);
        assertThat(row.get("c_bigint")).isEqualTo(Long.MAX_VALUE);
        assertThat(row.get("c_numeric")).isEqualTo(new BigDecimal("9999999999.99"));
        assertThat(row.get("c_numeric_free")).isEqualTo("123456789012345678901234567890.123456789");
        assertThat(row.get("c_real")).isEqualTo(1.5f);
        assertThat(row.get("c_double")).isEqualTo(Double.MAX_VALUE);
        assertThat(row.get("c_boolean")).isEqualTo(true);
        assertThat(row.get("c_bit")).isEqualTo(true);
        assertThat(row.get("c_bits")).isEqualTo("1010");
        assertThat(row.get("c_char")).isEqualTo("abc");
        assertThat(row.get("c_varchar")).isEqualTo("Grüße 👋 日本");
        assertThat(row.get("c_text")).isEqualTo("line\none \"quoted\" 'x'");
        assertThat((byte[]) row.get("c_bytea")).containsExactly(0x00, 0xff, 0x10);
        // 1582-10-10 does not exist in the Julian-Gregorian calendar of java.sql.Date; PostgreSQL's is proleptic.
        assertThat(row.get("c_date")).isEqualTo(day(LocalDate.of(1582, 10, 10)));
        assertThat(row.get("c_time")).isEqualTo(new java.util.Date(LocalTime.of(23, 59, 59, 999_000_000)
                .toNanoOfDay() / 1_000_000));
        assertThat(row.get("c_timetz")).isEqualTo(new java.util.Date(8 * 3_600_000L));
        assertThat(row.get("c_timestamp")).isEqualTo(instant("2021-03-14T02:30:00Z"));
        assertThat(row.get("c_timestamptz")).isEqualTo(instant("2021-11-07T05:30:00Z"));
        assertThat(row.get("c_uuid")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(row.get("c_json")).isEqualTo("{\"a\": [1, 2]}");
        assertThat(row.get("c_jsonb")).isEqualTo("{\"b\": \"ü\"}");
        assertThat(row.getArray("c_int_array")).isEqualTo(Arrays.asList(1, null, 3));
        assertThat(row.getArray("c_text_array")).isEqualTo(List.of("x", ""));
        assertThat(row.getArray("c_numeric_array")).isEqualTo(List.of(new BigDecimal("1.5"), new BigDecimal("-2.0")));
        assertThat(row.getArray("c_timestamp_array")).isEqualTo(List.of(instant("1969-07-20T20:17:40.500Z")));
        assertThat(row.getArray("c_uuid_array")).isEqualTo(List.of("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertThat(row.get("c_mood")).isEqualTo("happy");
        assertThat(row.get("c_inet")).isEqualTo("192.168.0.1/24");
    }

    private static void assertMinimumRow(Struct row) {
        assertThat(row.get("c_smallint")).isEqualTo((short) -32768);
        assertThat(row.get("c_integer")).isEqualTo(Integer.MIN_VALUE);
        assertThat(row.get("c_bigint")).isEqualTo(Long.MIN_VALUE);
        assertThat(row.get("c_numeric")).isEqualTo(new BigDecimal("-12345.67"));
        assertThat(row.get("c_numeric_free")).isEqualTo("-0.000000000000000000001");
        assertThat(row.get("c_real")).isEqualTo(-0.25f);
        assertThat(row.get("c_double")).isEqualTo(-2.5e-300);
        assertThat(row.get("c_boolean")).isEqualTo(false);
        assertThat(row.get("c_bit")).isEqualTo(false);
        assertThat(row.get("c_char")).isEqualTo("   ");
        assertThat(row.get("c_varchar")).isEqualTo("");
        assertThat((byte[]) row.get("c_bytea")).isEmpty();
        assertThat(row.get("c_date")).isEqualTo(day(LocalDate.of(1969, 12, 31)));
        assertThat(row.get("c_time")).isEqualTo(new java.util.Date(0));
        assertThat(row.get("c_timetz")).isEqualTo(new java.util.Date(6 * 3_600_000L));
        assertThat(row.get("c_timestamp")).isEqualTo(instant("1969-07-20T20:17:40.500Z"));
        // Microseconds are dropped towards the past, also before 1970: 23:59:59.9995 is 23:59:59.999.
        assertThat(row.get("c_timestamptz")).isEqualTo(new java.util.Date(-1));
        assertThat(row.get("c_json")).isEqualTo("null");
        assertThat(row.get("c_jsonb")).isEqualTo("[]");
        assertThat(row.getArray("c_int_array")).isEmpty();
        assertThat(row.getArray("c_text_array")).isEmpty();
        assertThat(row.getArray("c_numeric_array")).isEmpty();
        assertThat(row.getArray("c_timestamp_array")).isEmpty();
        assertThat(row.get("c_inet")).isEqualTo("::1");
        assertThat(row.get("c_required")).isEqualTo("");
    }

    private static void assertNullRow(Struct row) {
        for (var field : row.schema().fields()) {
            if (!field.name().equals("id") && !field.name().equals("c_required")) {
                assertThat(row.get(field)).as(field.name()).isNull();
            }
        }
    }

    @Test
    void bestFitPicksTheSmallestExactPrimitive() throws SQLException {
        try (Connection connection = newDatabase()) {
            Rows.execute(connection,
                    "CREATE TABLE fit (n2 numeric(2,0), n4 numeric(4), n9 numeric(9,0), n18 numeric(18,0), "
                            + "n19 numeric(19,0), f15 numeric(15,2), f16 numeric(16,2), free numeric)",
                    "INSERT INTO fit VALUES (-99, 9999, 999999999, 999999999999999999, 9999999999999999999, "
                            + "-1234567890123.45, 12345678901234.56, 1.5)");

            Rows rows = Rows.read(dialect, reader(), "SELECT * FROM fit", TableId.of("public", "fit"), List.of(),
                    TypeMappingOptions.DEFAULTS.withNumericMapping(NumericMapping.BEST_FIT));

            Schema schema = rows.converter.valueSchema();
            assertThat(schema.field("n2").schema().type()).isEqualTo(Schema.Type.INT8);
            assertThat(schema.field("n4").schema().type()).isEqualTo(Schema.Type.INT16);
            assertThat(schema.field("n9").schema().type()).isEqualTo(Schema.Type.INT32);
            assertThat(schema.field("n18").schema().type()).isEqualTo(Schema.Type.INT64);
            assertThat(schema.field("n19").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
            assertThat(schema.field("f15").schema().type()).isEqualTo(Schema.Type.FLOAT64);
            assertThat(schema.field("f16").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
            assertThat(schema.field("free").schema().type()).isEqualTo(Schema.Type.STRING);
            Struct row = rows.values.get(0);
            assertThat(row.get("n2")).isEqualTo((byte) -99);
            assertThat(row.get("n4")).isEqualTo((short) 9999);
            assertThat(row.get("n9")).isEqualTo(999_999_999);
            assertThat(row.get("n18")).isEqualTo(999_999_999_999_999_999L);
            assertThat(row.get("n19")).isEqualTo(new BigDecimal("9999999999999999999"));
            assertThat(row.get("f15")).isEqualTo(-1234567890123.45);
            assertThat(row.get("f16")).isEqualTo(new BigDecimal("12345678901234.56"));
        }
    }

    @Test
    void unconstrainedNumericIsTextByDefaultAndADecimalOfTheConfiguredScaleWhenSet() throws SQLException {
        try (Connection connection = newDatabase()) {
            Rows.execute(connection, "CREATE TABLE amounts (id int, amount numeric)",
                    "INSERT INTO amounts VALUES (1, 1.5), (2, 'NaN'), (3, -7)");
            TableId table = TableId.of("public", "amounts");

            Rows asText = Rows.read(dialect, reader(), "SELECT * FROM amounts ORDER BY id", table, List.of(),
                    TypeMappingOptions.DEFAULTS);
            assertThat(asText.values).extracting(row -> row.get("amount")).containsExactly("1.5", "NaN", "-7");

            Rows.execute(connection, "DELETE FROM amounts WHERE id = 2");
            Rows asDecimal = Rows.read(dialect, reader(), "SELECT * FROM amounts ORDER BY id", table, List.of(),
                    TypeMappingOptions.DEFAULTS.withUnconstrainedNumericScale(3));
            assertThat(asDecimal.converter.valueSchema().field("amount").schema().parameters())
                    .containsEntry(Decimal.SCALE_FIELD, "3");
            assertThat(asDecimal.values).extracting(row -> row.get("amount"))
                    .containsExactly(new BigDecimal("1.500"), new BigDecimal("-7.000"));
        }
    }

    @Test
    void aValueThatWouldLoseDigitsOrIsNotANumberIsAnErrorNamingTheColumnNotTheValue() throws SQLException {
        try (Connection connection = newDatabase()) {
            Rows.execute(connection, "CREATE TABLE amounts (id int, amount numeric, price numeric(8,2))",
                    "INSERT INTO amounts VALUES (1, 1.23456, 1)");
            TableId table = TableId.of("public", "amounts");
            TypeMappingOptions scale2 = TypeMappingOptions.DEFAULTS.withUnconstrainedNumericScale(2);

            assertThatThrownBy(() -> Rows.read(dialect, reader(), "SELECT * FROM amounts", table, List.of(), scale2))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("'amount'").hasMessageContaining("public.amounts")
                    .hasMessageContaining("more than 2 fractional digits").hasMessageNotContaining("1.23456");

            Rows.execute(connection, "UPDATE amounts SET amount = 1, price = 'NaN'");
            assertThatThrownBy(() -> Rows.read(dialect, reader(), "SELECT * FROM amounts", table, List.of(), scale2))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("'price' (numeric(8,2)) of public.amounts");
        }
    }

    @Test
    void anUnsupportedTypeFailsNamingTableColumnAndTypeOrIsSkippedWhenAllowed() throws SQLException {
        try (Connection connection = newDatabase()) {
            Rows.execute(connection, "CREATE TABLE places (id int PRIMARY KEY, name text, location point, "
                    + "wallet money)", "INSERT INTO places VALUES (1, 'home', '(1,2)', 12.5)");
            TableId table = TableId.of("public", "places");
            String sql = "SELECT * FROM places";

            assertThatThrownBy(() -> Rows.read(dialect, reader(), sql, table, List.of("id"),
                    TypeMappingOptions.DEFAULTS))
                    .isInstanceOf(UnsupportedColumnTypeException.class)
                    .hasMessageContaining("'location'").hasMessageContaining("public.places")
                    .hasMessageContaining("point").hasMessageContaining("unsupported.types=skip");

            Rows skipped = Rows.read(dialect, reader(), sql, table, List.of("id"),
                    TypeMappingOptions.DEFAULTS.withUnsupportedTypes(UnsupportedTypes.SKIP));
            assertThat(skipped.converter.skippedColumns()).containsExactly("location", "wallet");
            assertThat(skipped.converter.valueSchema().fields()).extracting(f -> f.name()).containsExactly("id", "name");
            assertThat(skipped.values.get(0).get("name")).isEqualTo("home");
        }
    }

    @Test
    void aKeyColumnOfAnUnsupportedTypeIsNeverSkipped() throws SQLException {
        try (Connection connection = newDatabase()) {
            Rows.execute(connection, "CREATE TABLE spans (during tsrange PRIMARY KEY, note text)");

            assertThatThrownBy(() -> Rows.read(dialect, reader(), "SELECT * FROM spans",
                    TableId.of("public", "spans"), List.of("during"),
                    TypeMappingOptions.DEFAULTS.withUnsupportedTypes(UnsupportedTypes.SKIP)))
                    .isInstanceOf(UnsupportedColumnTypeException.class)
                    .hasMessageContaining("'during'").hasMessageContaining("primary key");
        }
    }

    @Test
    void aCompositeKeyFollowsKeyOrderNotColumnOrder() throws SQLException {
        try (Connection connection = newDatabase()) {
            Rows.execute(connection, "CREATE TABLE lines (note text, line int, order_id bigint, "
                    + "PRIMARY KEY (order_id, line))", "INSERT INTO lines VALUES ('x', 2, 7)");

            Rows rows = Rows.read(dialect, reader(), "SELECT * FROM lines", TableId.of("public", "lines"),
                    List.of("order_id", "line"), TypeMappingOptions.DEFAULTS);

            Struct key = rows.converter.key(rows.values.get(0));
            assertThat(key.schema().fields()).extracting(f -> f.name()).containsExactly("order_id", "line");
            assertThat(key.get("order_id")).isEqualTo(7L);
            assertThat(key.get("line")).isEqualTo(2);
            assertThat(rows.converter.keySchema()).isSameAs(key.schema());
        }
    }

    private static java.util.Date instant(String text) {
        return new java.util.Date(Instant.parse(text).toEpochMilli());
    }

    private static java.util.Date day(LocalDate date) {
        return new java.util.Date(date.toEpochDay() * 86_400_000L);
    }
}

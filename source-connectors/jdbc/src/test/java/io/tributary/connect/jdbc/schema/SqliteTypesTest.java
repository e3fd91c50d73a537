package io.tributary.connect.jdbc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.SqliteDialect;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TimeZone;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTypesTest {

    private static final TableId EVERY_TYPE = TableId.of(null, "every_type");

    private final Dialect dialect = new SqliteDialect();
    private String url;

    @BeforeEach
    void createDatabase(@TempDir Path directory) {
        url = "jdbc:sqlite:" + directory.resolve("types.db");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Test
    void everyDeclaredTypeRoundTripsWhateverTheJvmTimeZone() throws SQLException {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try (Connection connection = connect()) {
            Rows.execute(connection,
                    "CREATE TABLE every_type (id INTEGER PRIMARY KEY, c_tinyint TINYINT, c_int INT, c_bigint BIGINT, "
                            + "c_decimal DECIMAL(12,2), c_numeric NUMERIC, c_real REAL, c_double DOUBLE, c_float FLOAT, "
                            + "c_boolean BOOLEAN, c_varchar VARCHAR(20), c_text TEXT, c_clob CLOB, c_blob BLOB, "
                            + "c_date DATE, c_time TIME, c_datetime DATETIME, c_timestamp TIMESTAMP, c_uuid UUID, "
                            + "c_json JSON, c_required TEXT NOT NULL)",
                    // Text in the canonical forms.
                    "INSERT INTO every_type VALUES (1, 9223372036854775807, 1, 9223372036854775807, 9999999999.99, "
                            + "'1.25', 1.5, 1.7976931348623157e308, -0.25, 1, 'Grüße 👋 日本', 'a \"quoted\" ''x''', "
                            + "'clob', X'00FF10', '1582-10-10', '23:59:59.999', '2021-03-14 02:30:00', "
                            + "'2021-11-07T01:30:00-04:00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', "
                            + "'{\"a\": [1, 2]}', 'r')",
                    // The other storage classes SQLite's date functions use: Unix seconds and Julian days.
                    "INSERT INTO every_type VALUES (2, -9223372036854775808, -1, -9223372036854775808, '-12345.67', "
                            + "-7, -0.25, -2.5e-300, 0, 'false', '', '', '', X'', 0, '00:00', 1577872800, "
                            + "julianday('1969-07-20 20:17:40.500'), '', '[]', '')",
                    "INSERT INTO every_type (id, c_required) VALUES (3, 'only the required')");

            Rows rows = Rows.read(dialect, connect(), "SELECT * FROM every_type ORDER BY id", EVERY_TYPE,
                    List.of("id"), TypeMappingOptions.DEFAULTS);

            assertEveryTypeSchema(rows.converter.valueSchema());
            assertCanonicalRow(rows.values.get(0));
            assertOtherStorageClassesRow(rows.values.get(1));
            Struct nulls = rows.values.get(2);
            nulls.schema().fields().stream().filter(f -> !f.name().equals("id") && !f.name().equals("c_required"))
                    .forEach(f -> assertThat(nulls.get(f)).as(f.name()).isNull());
            Struct key = rows.converter.key(rows.values.get(0));
            assertThat(key.schema().name()).isEqualTo("tributary.jdbc.every_type.Key");
            assertThat(key.get("id")).isEqualTo(1L);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    private static void assertEveryTypeSchema(Schema schema) {
        assertThat(schema.name()).isEqualTo("tributary.jdbc.every_type.Value");
        // Every SQLite integer has 8 bytes, whatever width the column declares.
        assertThat(schema.field("c_tinyint").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(schema.field("c_int").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(schema.field("c_decimal").schema().parameters()).containsEntry(Decimal.SCALE_FIELD, "2")
                .containsEntry("connect.decimal.precision", "12");
        assertThat(schema.field("c_numeric").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("c_real").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
        assertThat(schema.field("c_double").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
        assertThat(schema.field("c_float").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
        assertThat(schema.field("c_boolean").schema()).isEqualTo(Schema.OPTIONAL_BOOLEAN_SCHEMA);
        assertThat(schema.field("c_varchar").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("c_clob").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("c_blob").schema()).isEqualTo(Schema.OPTIONAL_BYTES_SCHEMA);
        assertThat(schema.field("c_date").schema()).isEqualTo(Date.builder().optional().build());
        assertThat(schema.field("c_time").schema()).isEqualTo(Time.builder().optional().build());
        assertThat(schema.field("c_datetime").schema()).isEqualTo(Timestamp.builder().optional().build());
        assertThat(schema.field("c_timestamp").schema()).isEqualTo(Timestamp.builder().optional().build());
        assertThat(schema.field("c_uuid").schema().name()).isEqualTo(SemanticTypes.UUID);
        assertThat(schema.field("c_json").schema().name()).isEqualTo(SemanticTypes.JSON);
        assertThat(schema.field("c_required").schema()).isEqualTo(Schema.STRING_SCHEMA);
    }

    private static void assertCanonicalRow(Struct row) {
        assertThat(row.get("c_tinyint")).isEqualTo(Long.MAX_VALUE);
        assertThat(row.get("c_int")).isEqualTo(1L);
        assertThat(row.get("c_bigint")).isEqualTo(Long.MAX_VALUE);
        assertThat(row.get("c_decimal")).isEqualTo(new BigDecimal("9999999999.99"));
        assertThat(row.get("c_numeric")).isEqualTo("1.25");
        assertThat(row.get("c_real")).isEqualTo(1.5);
        assertThat(row.get("c_double")).isEqualTo(Double.MAX_VALUE);
        assertThat(row.get("c_float")).isEqualTo(-0.25);
        assertThat(row.get("c_boolean")).isEqualTo(true);
        assertThat(row.get("c_varchar")).isEqualTo("Grüße 👋 日本");
        assertThat(row.get("c_text")).isEqualTo("a \"quoted\" 'x'");
        assertThat((byte[]) row.get("c_blob")).containsExactly(0x00, 0xff, 0x10);
        assertThat(row.get("c_date")).isEqualTo(new java.util.Date(LocalDate.of(1582, 10, 10).toEpochDay() * 86_400_000L));
        assertThat(row.get("c_time")).isEqualTo(new java.util.Date(86_399_999L));
        assertThat(row.get("c_datetime")).isEqualTo(instant("2021-03-14T02:30:00Z"));
        assertThat(row.get("c_timestamp")).isEqualTo(instant("2021-11-07T05:30:00Z"));
        assertThat(row.get("c_uuid")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(row.get("c_json")).isEqualTo("{\"a\": [1, 2]}");
    }

    private static void assertOtherStorageClassesRow(Struct row) {
        assertThat(row.get("c_tinyint")).isEqualTo(Long.MIN_VALUE);
        assertThat(row.get("c_bigint")).isEqualTo(Long.MIN_VALUE);
        assertThat(row.get("c_decimal")).isEqualTo(new BigDecimal("-12345.67"));
        assertThat(row.get("c_numeric")).isEqualTo("-7");
        assertThat(row.get("c_double")).isEqualTo(-2.5e-300);
        assertThat(row.get("c_boolean")).isEqualTo(false);
        assertThat(row.get("c_varchar")).isEqualTo("");
        assertThat((byte[]) row.get("c_blob")).isEmpty();
        assertThat(row.get("c_date")).isEqualTo(new java.util.Date(0));
        assertThat(row.get("c_time")).isEqualTo(new java.util.Date(0));
        assertThat(row.get("c_datetime")).isEqualTo(instant("2020-01-01T10:00:00Z"));
        assertThat(row.get("c_timestamp")).isEqualTo(instant("1969-07-20T20:17:40.500Z"));
        assertThat(row.get("c_required")).isEqualTo("");
    }

    @Test
    void aValueOfTheWrongStorageClassIsAnErrorNamingTheColumnNotACoercion() throws SQLException {
        try (Connection connection = connect()) {
            Rows.execute(connection, "CREATE TABLE t (id INTEGER, amount DECIMAL(6,2))",
                    "INSERT INTO t VALUES ('not a number', 1)");

            assertThatThrownBy(() -> Rows.read(dialect, connect(), "SELECT * FROM t", TableId.of(null, "t"), List.of(),
                    TypeMappingOptions.DEFAULTS))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("Column 'id' (INTEGER) of t holds a TEXT value that is not an integer")
                    .hasMessageNotContaining("not a number'");

            Rows.execute(connection, "UPDATE t SET id = 1, amount = 0.1 + 0.2");
            assertThatThrownBy(() -> Rows.read(dialect, connect(), "SELECT * FROM t", TableId.of(null, "t"), List.of(),
                    TypeMappingOptions.DEFAULTS))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("'amount'").hasMessageContaining("more than 2 fractional digits");
        }
    }

    @Test
    void bestFitAppliesToDeclaredPrecision() throws SQLException {
        try (Connection connection = connect()) {
            Rows.execute(connection, "CREATE TABLE t (small DECIMAL(4,0), price NUMERIC(10,2))",
                    "INSERT INTO t VALUES (1234, 19.99)");

            Rows rows = Rows.read(dialect, connect(), "SELECT * FROM t", TableId.of(null, "t"), List.of(),
                    TypeMappingOptions.DEFAULTS.withNumericMapping(NumericMapping.BEST_FIT));

            assertThat(rows.values.get(0).get("small")).isEqualTo((short) 1234);
            assertThat(rows.values.get(0).get("price")).isEqualTo(19.99);
        }
    }

    @Test
    void aDeclaredTypeWithoutASafeReadingIsUnsupported() throws SQLException {
        try (Connection connection = connect()) {
            // STRING has NUMERIC affinity in SQLite: its values may be numbers or text.
            Rows.execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, label STRING, note TEXT)",
                    "INSERT INTO t VALUES (1, 'x', 'kept')");

            assertThatThrownBy(() -> Rows.read(dialect, connect(), "SELECT * FROM t", TableId.of(null, "t"),
                    List.of("id"), TypeMappingOptions.DEFAULTS))
                    .isInstanceOf(UnsupportedColumnTypeException.class)
                    .hasMessageContaining("Column 'label' of t has type STRING");

            Rows rows = Rows.read(dialect, connect(), "SELECT * FROM t", TableId.of(null, "t"), List.of("id"),
                    TypeMappingOptions.DEFAULTS.withUnsupportedTypes(UnsupportedTypes.SKIP));
            assertThat(rows.values.get(0).schema().fields()).extracting(f -> f.name()).containsExactly("id", "note");
            assertThat(rows.values.get(0).get("note")).isEqualTo("kept");
        }
    }

    private static java.util.Date instant(String text) {
        return new java.util.Date(Instant.parse(text).toEpochMilli());
    }
}

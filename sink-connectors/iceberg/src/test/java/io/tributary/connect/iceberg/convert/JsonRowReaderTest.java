package io.tributary.connect.iceberg.convert;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The JSON path gives exactly the row the converter path gives: Kafka's JsonConverter without schemas, then
 * {@link RecordConverter} — for every kind of column, and the same error when a value does not fit.
 */
class JsonRowReaderTest {

    private static final Schema TABLE = new Schema(
            required(1, "id", Types.LongType.get()),
            optional(2, "user", Types.StringType.get()),
            optional(3, "price", Types.DoubleType.get()),
            optional(4, "flag", Types.BooleanType.get()),
            optional(5, "small", Types.IntegerType.get()),
            optional(6, "ratio", Types.FloatType.get()),
            optional(7, "amount", Types.DecimalType.of(10, 2)),
            optional(8, "at", Types.TimestampType.withZone()),
            optional(9, "local", Types.TimestampType.withoutZone()),
            optional(10, "day", Types.DateType.get()),
            optional(11, "tags", Types.ListType.ofOptional(12, Types.LongType.get())),
            optional(13, "attrs", Types.MapType.ofOptional(14, 15, Types.StringType.get(), Types.StringType.get())),
            optional(16, "address", Types.StructType.of(
                    optional(17, "city", Types.StringType.get()),
                    optional(18, "zip", Types.LongType.get()))),
            optional(19, "uid", Types.UUIDType.get()),
            optional(20, "nested", Types.ListType.ofOptional(21, Types.StructType.of(
                    optional(22, "k", Types.StringType.get())))));

    private static final RecordConverter CONVERTER = new RecordConverter(TABLE);
    private static final JsonRowReader READER = new JsonRowReader(CONVERTER);
    private static final JsonConverter JSON = new JsonConverter();

    @BeforeAll
    static void configure() {
        JSON.configure(Map.of("schemas.enable", "false"), false);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** What the sink writes for this JSON when Kafka's converter parses it. */
    private static GenericRecord throughConverter(String json) {
        return CONVERTER.convert(JSON.toConnectData("t", bytes(json)).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\": 1}",
        "{\"id\": 9223372036854775807, \"user\": \"Ada ✓\", \"price\": 12.5, \"flag\": true}",
        "{\"id\": -3, \"amount\": -12, \"price\": 1e3, \"flag\": false}",
        "{\"id\": -4, \"price\": -1e-400}",
        "{\"id\": 4, \"amount\": 7, \"at\": \"2024-06-10T06:15:23.456Z\", \"local\": \"2024-06-10T06:15:23\"}",
        "{\"id\": 5, \"at\": 1718000123456, \"day\": \"2024-06-10\"}",
        "{\"id\": 6, \"tags\": [1, 2, null], \"attrs\": {\"a\": \"x\", \"b\": 2, \"c\": {\"d\": [true]}}}",
        "{\"id\": 7, \"address\": {\"city\": \"Oslo\", \"zip\": 150, \"extra\": 1}, \"user\": null}",
        "{\"id\": 8, \"uid\": \"6f1c2b1e-8a7d-4c53-9a51-1d2e3f405060\", \"nested\": [{\"k\": \"v\"}, null]}",
        "{\"user\": \"first\", \"id\": 9, \"user\": \"last wins\"}",
        "  {\"id\": 10, \"price\": -0.0, \"attrs\": {}}  \n",
    })
    void givesTheRowTheConverterPathGives(String json) {
        GenericRecord expected = throughConverter(json);

        assertThat(READER.read(bytes(json))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\": \"not a number\"}",
        "{\"id\": 1, \"small\": 7}",
        "{\"id\": 1, \"ratio\": 0.5}",
        "{\"id\": 1, \"amount\": 19.99}",
        "{\"id\": 1, \"amount\": 1.234}",
        "{\"id\": 1, \"address\": \"Oslo\"}",
        "{\"id\": null}",
        "{\"user\": \"no id\"}",
    })
    void failsAsTheConverterPathFails(String json) {
        DataException expected = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> throughConverter(json));

        assertThatThrownBy(() -> READER.read(bytes(json)))
                .isInstanceOf(DataException.class)
                .hasMessage(expected.getMessage());
    }

    @Test
    void aFieldTheTableLacksLeavesTheRecordToTheMapPath() {
        assertThat(READER.read(bytes("{\"id\": 1, \"coupon\": \"SPRING\"}"))).isNull();
        assertThat(JsonValue.of(bytes("{\"id\": 1, \"coupon\": \"SPRING\"}")).asMap())
                .containsEntry("coupon", "SPRING").containsEntry("id", 1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\": 1, \"user\": \"secret-value\"",
        "{\"id\": secret}",
        "[{\"id\": 1}]",
        "\"secret-value\"",
        "",
        "{\"id\": 1} {\"id\": 2}",
        "{\"id\": 123456789012345678901234567890}",
    })
    void badJsonIsADataExceptionThatNeverQuotesTheValue(String json) {
        assertThatThrownBy(() -> READER.read(bytes(json)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("The record value ")
                .message().doesNotContain("secret").doesNotContain("12345");
        assertThatThrownBy(() -> JsonValue.of(bytes(json)).asMap())
                .isInstanceOf(DataException.class)
                .message().doesNotContain("secret").doesNotContain("12345");
    }

    @Test
    void textValuesAreReadLikeBytesAndOtherValuesAreRefused() {
        assertThat(READER.read(JsonValue.of("{\"id\": 11}").bytes())).isEqualTo(throughConverter("{\"id\": 11}"));
        assertThatThrownBy(() -> JsonValue.of(Map.of("id", 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("ByteArrayConverter");
    }
}

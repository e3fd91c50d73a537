package io.tributary.connect.iceberg.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InferFromMapTest {

    static Stream<Arguments> javaTypes() {
        return Stream.of(
                Arguments.of(7, "long"),
                Arguments.of(7L, "long"),
                Arguments.of((short) 7, "long"),
                Arguments.of((byte) 7, "long"),
                Arguments.of(1.5f, "double"),
                Arguments.of(1.5d, "double"),
                Arguments.of(new BigDecimal("12.345"), "decimal(38, 3)"),
                Arguments.of(new BigDecimal("1E+3"), "decimal(38, 0)"),
                Arguments.of(true, "boolean"),
                Arguments.of("text", "string"),
                Arguments.of(new byte[] {1, 2}, "binary"),
                Arguments.of(ByteBuffer.wrap(new byte[] {1}), "binary"),
                Arguments.of(new Date(0), "timestamptz"),
                Arguments.of(UUID.randomUUID(), "uuid"),
                Arguments.of(Map.of("a", 1L, "b", 2), "map<string, long>"),
                Arguments.of(List.of(1L, 2), "list<long>"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("javaTypes")
    void theJavaTypeOfAValueGivesTheColumnType(Object value, String expected) {
        Schema schema = infer(Map.of("column", value));

        assertThat(schema.findType("column")).hasToString(expected);
        assertThat(schema.findField("column").isOptional()).isTrue();
    }

    @Test
    void integersAreNeverNarrowed() {
        Schema schema = infer(Map.of("small", 1, "tiny", (byte) 1));

        assertThat(schema.findType("small")).isEqualTo(Types.LongType.get());
        assertThat(schema.findType("tiny")).isEqualTo(Types.LongType.get());
    }

    @Test
    void datesFollowTheTimestampMode() {
        Schema schema = IcebergSchemas.inferFromMap(Map.of("at", new Date(0)), TimestampMode.TIMESTAMP);

        assertThat(schema.findType("at")).isEqualTo(Types.TimestampType.withoutZone());
    }

    @Test
    void keysWithNullValuesAddNoColumn() {
        Map<String, Object> value = new HashMap<>();
        value.put("known", "x");
        value.put("unknown", null);

        assertThat(infer(value).columns()).extracting(Types.NestedField::name).containsExactly("known");
    }

    @Test
    void nestedObjectsBecomeMapsNotStructs() {
        Schema schema = infer(Map.of("headers", Map.of("trace", "t-1", "span", "s-2")));

        assertThat(schema.findType("headers")).hasToString("map<string, string>");
        assertThat(schema.findField("headers.value").isOptional()).isTrue();
        assertThat(schema.findField("headers.key").isRequired()).isTrue();
    }

    @Test
    void wholeAndDecimalPointNumbersTogetherGiveDouble() {
        assertThat(infer(Map.of("m", map("a", 1L, "b", 2.5))).findType("m")).hasToString("map<string, double>");
        assertThat(infer(Map.of("l", List.of(1L, 2.5f))).findType("l")).hasToString("list<double>");
    }

    @Test
    void bigDecimalsOfDifferentScalesShareTheLargestScale() {
        Map<String, Object> amounts = map("a", new BigDecimal("1.5"), "b", new BigDecimal("2.125"));

        assertThat(infer(Map.of("amounts", amounts)).findType("amounts")).hasToString("map<string, decimal(38, 3)>");
    }

    @Test
    void mixedNestedValuesBecomeText() {
        Schema schema = infer(Map.of(
                "mixed", map("n", 1L, "s", "x", "b", true),
                "nested", map("inner", Map.of("k", 1L)),
                "lists", List.of(List.of(1L), List.of(2L)),
                "number_and_decimal", List.of(1L, BigDecimal.ONE)));

        assertThat(schema.findType("mixed")).hasToString("map<string, string>");
        assertThat(schema.findType("nested")).hasToString("map<string, string>");
        assertThat(schema.findType("lists")).hasToString("list<string>");
        assertThat(schema.findType("number_and_decimal")).hasToString("list<string>");
    }

    @Test
    void nestedContainersWithoutValuesBecomeText() {
        Schema schema = infer(Map.of("empty", Map.of(), "none", Arrays.asList(null, null), "no_items", List.of()));

        assertThat(schema.findType("empty")).hasToString("map<string, string>");
        assertThat(schema.findType("none")).hasToString("list<string>");
        assertThat(schema.findType("no_items")).hasToString("list<string>");
    }

    @Test
    void mixedValuesAreWrittenAsJsonText() {
        Map<String, Object> mixed = map("n", 1L, "s", "plain", "b", true, "o", map("k", List.of(1L, "two")),
                "none", null, "d", 2.5);
        Map<String, Object> value = Map.of("mixed", mixed);

        GenericRecord record = new RecordConverter(infer(value)).convert(value);

        assertThat(record.getField("mixed")).isEqualTo(map("n", "1", "s", "plain", "b", "true",
                "o", "{\"k\":[1,\"two\"]}", "none", null, "d", "2.5"));
    }

    @Test
    void jsonWithoutSchemasRoundTripsThroughInferenceAndConversion() {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        String text = "{\"id\":42,\"name\":\"Ada\",\"score\":9.5,\"active\":true,\"nothing\":null,"
                + "\"tags\":[\"a\",\"b\"],\"attrs\":{\"size\":3,\"color\":\"red\",\"dims\":[1,2]}}";

        SchemaAndValue read = json.toConnectData("topic", text.getBytes(StandardCharsets.UTF_8));
        Map<?, ?> value = (Map<?, ?>) read.value();
        Schema schema = infer(value);
        GenericRecord record = new RecordConverter(schema).convert(value);

        assertThat(schema.columns()).extracting(Types.NestedField::name)
                .containsExactlyInAnyOrder("id", "name", "score", "active", "tags", "attrs");
        assertThat(schema.findType("id")).isEqualTo(Types.LongType.get());
        assertThat(schema.findType("attrs")).hasToString("map<string, string>");
        assertThat(record.getField("id")).isEqualTo(42L);
        assertThat(record.getField("score")).isEqualTo(9.5);
        assertThat(record.getField("tags")).isEqualTo(List.of("a", "b"));
        assertThat(record.getField("attrs")).isEqualTo(map("size", "3", "color", "red", "dims", "[1,2]"));
    }

    @Test
    void rejectsKeysThatAreNotText() {
        assertThatThrownBy(() -> infer(Map.of(1, "x")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void rejectsJavaTypesWithoutAColumnTypeNamingThePathButNotTheValue() {
        Object secret = new StringBuilder("4111-1111-1111-1111");

        assertThatThrownBy(() -> infer(Map.of("card", Map.of("number", secret))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'card.value'")
                .hasMessageContaining("java.lang.StringBuilder")
                .hasMessageNotContaining("4111");
    }

    private static Schema infer(Map<?, ?> value) {
        return IcebergSchemas.inferFromMap(value, TimestampMode.TIMESTAMPTZ);
    }

    /** An ordered map that, unlike {@link Map#of}, takes nulls. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

package io.tributary.connect.events.schema;

import static io.tributary.connect.events.schema.Events.read;
import static io.tributary.connect.events.schema.Events.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemalessEventReaderTest {

    private final SchemalessEventReader reader = new SchemalessEventReader();

    @Test
    void hasNoSchema() {
        assertThat(reader.schema()).isNull();
    }

    @Test
    void readsEachJsonKindAsJavaValues() {
        Object value = read(reader, """
                {"s": "text", "i": 42, "neg": -7, "big": 9223372036854775807, "d": 1.5, "e": 1e3,
                 "t": true, "f": false, "n": null, "o": {"x": {"y": [1]}}, "a": [1, "two", 3.0, null, {}]}""");

        assertThat(value).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(map.keySet()).containsExactly("s", "i", "neg", "big", "d", "e", "t", "f", "n", "o", "a");
        assertThat(map.get("s")).isEqualTo("text");
        assertThat(map.get("i")).isEqualTo(42L);
        assertThat(map.get("neg")).isEqualTo(-7L);
        assertThat(map.get("big")).isEqualTo(Long.MAX_VALUE);
        assertThat(map.get("d")).isEqualTo(1.5d);
        assertThat(map.get("e")).isEqualTo(1000.0d);
        assertThat(map.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(map.get("f")).isEqualTo(Boolean.FALSE);
        assertThat(map.containsKey("n")).isTrue();
        assertThat(map.get("n")).isNull();
        assertThat(map.get("o")).isEqualTo(Map.of("x", Map.of("y", List.of(1L))));
        assertThat(map.get("a")).isInstanceOf(ArrayList.class)
                .isEqualTo(Arrays.asList(1L, "two", 3.0d, null, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"user\": {\"id\": 7, \"name\": \"Ann\", \"tags\": [\"a\", \"b\"], \"score\": 0.1}}",
        "{\"n\": -0, \"f\": -0.0, \"tiny\": 4.9e-324, \"max\": 1.7976931348623157e308, \"p\": 0.30000000000000004}",
        "{\"long\": -9223372036854775808, \"exp\": 12E-2, \"int\": 2147483648}",
        "{\"nested\": [[1, [2, [3]]], {\"a\": {\"b\": {\"c\": null}}}], \"b\": true, \"s\": \"\\u00e9\\n\"}",
        "{\"dup\": 1, \"dup\": 2}",
    })
    void readsAsJsonConverterWithoutSchemasDoes(String json) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        Object expected = converter.toConnectData("t", json.getBytes(StandardCharsets.UTF_8)).value();

        assertThat(read(reader, json)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"text\"", "42", "true", "null"})
    void refusesAnEventThatIsNotAnObject(String json) {
        String kind = switch (json.charAt(0)) {
            case '[' -> "an array";
            case '"' -> "a string";
            case 't' -> "a boolean";
            case 'n' -> "null";
            default -> "a number";
        };
        assertThat(reason(reader, json)).isEqualTo("an event must be a JSON object, not " + kind);
    }

    @Test
    void refusesIntegersBeyondSixtyFourBitsNamingTheField() {
        assertThat(reason(reader, "{\"a\": {\"b\": 92233720368547758070, \"c\": [1, 2]}}"))
                .isEqualTo("field 'a.b': integer out of the 64-bit range")
                .doesNotContain("9223");
        assertThat(reason(reader, "{\"a\": [{\"x\": 1}, {\"x\": -92233720368547758070}]}"))
                .isEqualTo("field 'a[1].x': integer out of the 64-bit range");
    }

    @Test
    void refusesNumbersBeyondTheDoubleRange() {
        assertThat(reason(reader, "{\"x\": 1e400}"))
                .isEqualTo("field 'x': number out of the 64-bit floating-point range");
    }

    @Test
    void continuesWithTheNextEventOfABatchAfterAnInvalidOne() throws Exception {
        String batch = "[{\"a\": 1}, {\"a\": [1, {\"b\": 1e999}, 3], \"z\": {}}, {\"a\": 3}]";
        try (JsonParser parser = Events.parser(batch)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            parser.nextToken();
            assertThat(reader.read(parser)).isEqualTo(Map.of("a", 1L));
            parser.nextToken();
            assertThatThrownBy(() -> reader.read(parser)).isInstanceOf(InvalidEventException.class)
                    .hasMessage("field 'a[1].b': number out of the 64-bit floating-point range");
            parser.nextToken();
            assertThat(reader.read(parser)).isEqualTo(Map.of("a", 3L));
            assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
        }
    }

    @Test
    void leavesTextThatIsNotJsonToJackson() throws Exception {
        try (JsonParser parser = Events.parser("{\"a\": [1, }")) {
            parser.nextToken();
            assertThatThrownBy(() -> reader.read(parser)).isInstanceOf(JsonParseException.class);
        }
    }
}

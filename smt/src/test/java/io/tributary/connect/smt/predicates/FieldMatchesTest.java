package io.tributary.connect.smt.predicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class FieldMatchesTest {

    private static final Schema USER = SchemaBuilder.struct().field("country", Schema.OPTIONAL_STRING_SCHEMA)
            .field("age", Schema.INT32_SCHEMA).build();
    private static final Schema CLICK = SchemaBuilder.struct().field("user", USER).build();

    static FieldMatches<SinkRecord> predicate(Map<String, String> props) {
        FieldMatches<SinkRecord> predicate = new FieldMatches<>();
        predicate.configure(props);
        return predicate;
    }

    private static SinkRecord struct(String country, int age) {
        return new SinkRecord("clicks", 0, null, null, CLICK,
                new Struct(CLICK).put("user", new Struct(USER).put("country", country).put("age", age)), 5L);
    }

    private static SinkRecord map(Object country, Object age) {
        Map<String, Object> user = new HashMap<>();
        user.put("country", country);
        user.put("age", age);
        return new SinkRecord("clicks", 0, Schema.STRING_SCHEMA, "k-1", null, Map.of("user", user), 5L);
    }

    @Test
    void equalsComparesNestedFieldsByCanonicalTextInStructsAndMaps() {
        FieldMatches<SinkRecord> german = predicate(Map.of("field", "user.country", "value", "DE"));
        FieldMatches<SinkRecord> adult = predicate(Map.of("field", "user.age", "match", "equals", "value", "42"));

        assertThat(german.test(struct("DE", 1))).isTrue();
        assertThat(german.test(map("DE", 1))).isTrue();
        assertThat(german.test(map("FR", 1))).isFalse();
        assertThat(german.test(map(null, 1))).isFalse();
        assertThat(adult.test(struct("DE", 42))).isTrue();
        assertThat(adult.test(map("DE", 42L))).isTrue();
        assertThat(adult.test(map("DE", new BigDecimal("42.0")))).isTrue();
        assertThat(adult.test(map("DE", "42"))).isTrue();
    }

    @Test
    void regexMatchesTheWholeTextAndInMatchesAnyListedText() {
        FieldMatches<SinkRecord> regex = predicate(Map.of("field", "user.country", "match", "regex",
                "value", "D[EK]"));
        FieldMatches<SinkRecord> in = predicate(Map.of("field", "user.country", "match", "in", "values", "DE, AT,CH"));

        assertThat(regex.test(map("DK", 1))).isTrue();
        assertThat(regex.test(map("DEU", 1))).isFalse();
        assertThat(in.test(struct("AT", 1))).isTrue();
        assertThat(in.test(struct("FR", 1))).isFalse();
        assertThat(in.test(struct(null, 1))).isFalse();
    }

    @Test
    void isNullMatchesNullAbsentFieldsAndTombstones() {
        FieldMatches<SinkRecord> isNull = predicate(Map.of("field", "user.country", "match", "is-null"));

        assertThat(isNull.test(struct(null, 1))).isTrue();
        assertThat(isNull.test(map("DE", 1))).isFalse();
        assertThat(isNull.test(new SinkRecord("t", 0, null, null, null, Map.of("other", 1), 1L))).isTrue();
        assertThat(isNull.test(new SinkRecord("t", 0, null, null, null, null, 1L))).isTrue();
    }

    @Test
    void readsTheKeyOrTheWholeKeyOnRequest() {
        FieldMatches<SinkRecord> key = predicate(Map.of("on", "key", "match", "regex", "value", "k-\\d+"));

        assertThat(key.test(map("DE", 1))).isTrue();
        assertThat(key.test(new SinkRecord("t", 0, null, "other", null, null, 1L))).isFalse();
    }

    @Test
    void badConfigFailsAtConfigureAndBadDataNamesFieldAndRecord() {
        assertThatThrownBy(() -> predicate(Map.of("field", "a", "match", "equals")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> predicate(Map.of("field", "a", "match", "regex", "value", "(")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("regular expression");
        assertThatThrownBy(() -> predicate(Map.of("field", "a", "match", "in")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("values");
        assertThatThrownBy(() -> predicate(Map.of("field", "a..b", "value", "x")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> predicate(Map.of("field", "a", "match", "like", "value", "x")))
                .isInstanceOf(ConfigException.class);

        FieldMatches<SinkRecord> user = predicate(Map.of("field", "user", "value", "x"));
        assertThatThrownBy(() -> user.test(map("DE", 1))).isInstanceOf(DataException.class)
                .hasMessageContaining("'user'").hasMessageContaining("topic=clicks partition=0 offset=5");
    }
}

package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void resolvesTheSamePathInStructsAndMaps() {
        Schema user = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA).build();
        Schema value = SchemaBuilder.struct().field("user", user).build();
        Struct struct = new Struct(value).put("user", new Struct(user).put("id", "u-7"));
        Map<String, Object> map = Map.of("user", Map.of("id", "u-7"));

        FieldPath path = FieldPath.parse("user.id");

        assertThat(path.get(struct)).isEqualTo("u-7");
        assertThat(path.get(map)).isEqualTo("u-7");
    }

    @Test
    void absentSegmentsGiveNull() {
        Schema value = SchemaBuilder.struct().field("user", Schema.OPTIONAL_STRING_SCHEMA).build();

        assertThat(FieldPath.parse("user.id").get(new Struct(value))).isNull();
        assertThat(FieldPath.parse("nope").get(new Struct(value))).isNull();
        assertThat(FieldPath.parse("user.id").get(Map.of("user", "flat"))).isNull();
        assertThat(FieldPath.parse("user").get(null)).isNull();
    }

    @Test
    void rejectsEmptySegments() {
        assertThatThrownBy(() -> FieldPath.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldPath.parse(".a")).hasMessageContaining("'.a'");
        assertThatThrownBy(() -> FieldPath.parse("a.")).hasMessageContaining("'a.'");
    }
}

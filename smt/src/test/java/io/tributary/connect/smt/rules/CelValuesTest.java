package io.tributary.connect.smt.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** Connect's types as rules see them: the same answers for a Struct and for the equivalent Map. */
class CelValuesTest {

    private static final Schema ITEM = SchemaBuilder.struct().field("sku", Schema.STRING_SCHEMA)
            .field("qty", Schema.INT16_SCHEMA).build();
    private static final Schema ORDER = SchemaBuilder.struct()
            .field("amount", Decimal.schema(2))
            .field("at", Timestamp.SCHEMA)
            .field("small", Schema.INT8_SCHEMA)
            .field("ratio", Schema.FLOAT32_SCHEMA)
            .field("blob", Schema.BYTES_SCHEMA)
            .field("items", SchemaBuilder.array(ITEM).build())
            .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
            .build();

    private static final String RULES = """
            rules:
              - {id: amount, derive: amount_x2, type: double, expression: value.amount * 2.0}
              - {id: at, derive: at_s, type: long, expression: value.at / 1000}
              - {id: small, derive: small_plus, type: long, expression: value.small + 1}
              - {id: ratio, derive: ratio_half, type: double, expression: value.ratio / 2.0}
              - {id: blob, derive: blob_size, type: long, expression: size(value.blob)}
              - {id: items, derive: units, type: long, expression: "value.items.filter(i, i.sku != 'gift').size() + value.items[0].qty"}
              - {id: attrs, derive: color, type: long, expression: "value.attrs['color']"}
            """;

    @Test
    void connectTypesBecomeCelTypesAlikeForStructAndMap() {
        RuleSet rules = RuleSet.parse(RULES);
        Struct struct = new Struct(ORDER).put("amount", new BigDecimal("12.50")).put("at", new Date(1_764_000_123_000L))
                .put("small", (byte) 7).put("ratio", 0.5f).put("blob", new byte[] {1, 2, 3})
                .put("items", List.of(new Struct(ITEM).put("sku", "a").put("qty", (short) 2),
                        new Struct(ITEM).put("sku", "gift").put("qty", (short) 1)))
                .put("attrs", Map.of("color", 3));
        Map<String, Object> map = Map.of("amount", new BigDecimal("12.50"), "at", new Date(1_764_000_123_000L),
                "small", (byte) 7, "ratio", 0.5f, "blob", ByteBuffer.wrap(new byte[] {1, 2, 3}),
                "items", List.of(Map.of("sku", "a", "qty", (short) 2), Map.of("sku", "gift", "qty", (short) 1)),
                "attrs", Map.of("color", 3));

        Map<String, Object> fromStruct = rules.evaluate(struct, null, "t", null, null).derived();
        Map<String, Object> fromMap = rules.evaluate(map, null, "t", null, null).derived();

        assertThat(fromStruct).isEqualTo(fromMap)
                .containsEntry("amount_x2", 25.0)
                .containsEntry("at_s", 1_764_000_123L)
                .containsEntry("small_plus", 8L)
                .containsEntry("ratio_half", 0.25)
                .containsEntry("blob_size", 3L)
                .containsEntry("units", 3L)
                .containsEntry("color", 3L);
    }
}

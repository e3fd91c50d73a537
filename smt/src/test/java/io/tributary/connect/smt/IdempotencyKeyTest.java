package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    /** SHA-256 and UUIDv5 (URL namespace) of "#2:42s5:/homen", computed independently (Python). */
    private static final String SHA256_42_HOME_NULL =
            "34f78f3af9148283c57326effa1fbdbf8215631f61eaf1ac2e938f8997cedeb4";
    private static final String UUID5_42_HOME_NULL = "dc758bcf-c0a4-5267-a549-247a26b13c50";
    private static final String URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

    private static final Schema USER = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema CLICK = SchemaBuilder.struct()
            .field("user", USER)
            .field("page", Schema.STRING_SCHEMA)
            .field("ref", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static IdempotencyKey<SinkRecord> key(Map<String, String> props) {
        IdempotencyKey<SinkRecord> transform = new IdempotencyKey<>();
        transform.configure(props);
        return transform;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("clicks", 1, Schema.STRING_SCHEMA, "old-key", schema, value, 9L);
    }

    private static Map<String, Object> mapClick(Object userId, Object page, Object ref) {
        Map<String, Object> value = new HashMap<>();
        value.put("user", Map.of("id", userId));
        value.put("page", page);
        value.put("ref", ref);
        return value;
    }

    @Test
    void hashesTheDocumentedEncodingOfNestedFieldsInConfiguredOrder() {
        IdempotencyKey<SinkRecord> transform = key(Map.of("fields", "user.id, page, ref"));
        Struct struct = new Struct(CLICK).put("user", new Struct(USER).put("id", 42)).put("page", "/home");

        SinkRecord fromStruct = transform.apply(record(CLICK, struct));
        SinkRecord fromMap = transform.apply(record(null, mapClick(42L, "/home", null)));

        assertThat(fromStruct.key()).isEqualTo(SHA256_42_HOME_NULL);
        assertThat(fromStruct.keySchema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(fromMap.key()).isEqualTo(SHA256_42_HOME_NULL);
        assertThat(fromMap.keySchema()).isNull();
        assertThat(fromMap.value()).isEqualTo(mapClick(42L, "/home", null));
        assertThat(key(Map.of("fields", "page,user.id,ref")).apply(record(CLICK, struct)).key())
                .isNotEqualTo(SHA256_42_HOME_NULL);
    }

    @Test
    void makesUuid5KeysUnderTheNamespaceAndStructKeysOnRequest() {
        IdempotencyKey<SinkRecord> transform = key(Map.of("fields", "user.id,page,ref", "hash", "uuid5",
                "uuid.namespace", URL_NAMESPACE, "key.type", "struct"));
        Struct struct = new Struct(CLICK).put("user", new Struct(USER).put("id", 42)).put("page", "/home");

        SinkRecord out = transform.apply(record(CLICK, struct));
        SinkRecord schemaless = transform.apply(record(null, mapClick(42, "/home", null)));

        assertThat(out.keySchema()).isEqualTo(IdempotencyKey.STRUCT_KEY_SCHEMA);
        assertThat(((Struct) out.key()).get("id")).isEqualTo(UUID5_42_HOME_NULL);
        assertThat(schemaless.key()).isEqualTo(Map.of("id", UUID5_42_HOME_NULL));
    }

    @Test
    void batchAndStreamSpellingsOfTheSameValuesGiveTheSameKey() {
        Schema batch = SchemaBuilder.struct().field("order", Decimal.schema(2)).field("at", Timestamp.SCHEMA)
                .field("flag", Schema.BOOLEAN_SCHEMA).build();
        Struct row = new Struct(batch).put("order", new BigDecimal("1001.00")).put("at", new Date(1764022530123L))
                .put("flag", true);
        IdempotencyKey<SinkRecord> transform = key(Map.of("fields", "order,at,flag"));

        Object batchKey = transform.apply(record(batch, row)).key();
        Object streamKey = transform.apply(record(null, Map.of("order", 1001, "at", 1764022530123L, "flag", true)))
                .key();

        assertThat(batchKey).isEqualTo(streamKey);
    }

    @Test
    void distinguishesNullFromEmptyAndNeverLetsComponentsRunTogether() {
        IdempotencyKey<SinkRecord> transform = key(Map.of("fields", "page,ref"));
        Object empty = transform.apply(record(null, mapClick(1, "", null))).key();
        Object bothEmpty = transform.apply(record(null, mapClick(1, "", ""))).key();
        Object nullPage = transform.apply(record(null, mapClick(1, null, ""))).key();
        Object ab = transform.apply(record(null, mapClick(1, "a", "b"))).key();
        Object aNullB = transform.apply(record(null, mapClick(1, "ab", null))).key();

        assertThat(List.of(empty, bothEmpty, nullPage, ab, aNullB)).doesNotHaveDuplicates();
    }

    @Test
    void encodesNestedStructsAndMapsAlikeWhateverTheirOrder() {
        Schema inner = SchemaBuilder.struct().field("b", Schema.INT32_SCHEMA).field("a", Schema.STRING_SCHEMA)
                .build();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", "x");
        map.put("b", 2L);

        assertThat(encode(new Struct(inner).put("b", 2).put("a", "x"))).isEqualTo(encode(map))
                .isEqualTo("m2:s1:as1:xs1:b#1:2");
        assertThat(encode(List.of("é", 1.50, false))).isEqualTo("l3:s2:é#3:1.5b5:false");
        assertThat(encode(new byte[] {1, (byte) 0xab})).isEqualTo("x4:01ab");
    }

    private static String encode(Object value) {
        IdempotencyKeyEncoding.Buffer out = new IdempotencyKeyEncoding.Buffer(4);
        IdempotencyKeyEncoding.write(value, out);
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void missingFieldsFailOrCountAsNullByConfigurationAndTombstonesPassThrough() {
        IdempotencyKey<SinkRecord> strict = key(Map.of("fields", "page,user.name"));
        IdempotencyKey<SinkRecord> lenient = key(Map.of("fields", "page,user.name", "missing.field", "null"));
        Map<String, Object> value = mapClick(1, "/home", null);

        assertThatThrownBy(() -> strict.apply(record(null, value))).isInstanceOf(DataException.class)
                .hasMessageContaining("'user.name'").hasMessageContaining("topic=clicks partition=1 offset=9");
        assertThat(lenient.apply(record(null, value)).key())
                .isEqualTo(key(Map.of("fields", "page,ref")).apply(record(null, value)).key());
        SinkRecord tombstone = record(null, null);
        assertThat(strict.apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void badDataAndBadConfigAreReported() {
        IdempotencyKey<SinkRecord> transform = key(Map.of("fields", "page"));
        assertThatThrownBy(() -> transform.apply(record(null, Map.of("page", new Object()))))
                .isInstanceOf(DataException.class).hasMessageContaining("'page'").hasMessageContaining("offset=9");

        assertThatThrownBy(() -> key(Map.of("fields", ""))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> key(Map.of("fields", "a,a"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> key(Map.of("fields", "a..b"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> key(Map.of("fields", "a", "hash", "uuid5"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("uuid.namespace");
        assertThatThrownBy(() -> key(Map.of("fields", "a", "hash", "uuid5", "uuid.namespace", "nope")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("UUID");
    }
}

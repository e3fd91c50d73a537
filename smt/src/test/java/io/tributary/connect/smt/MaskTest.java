package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    /** HMAC-SHA256 under KEY, computed independently (Python's hmac module). */
    private static final String HMAC_ALICE = "841240d2a5b6654b3ae21fc4499db7b7867077cdd67c3e16cef1f9843e27d1fa";
    private static final String HMAC_42 = "3b12d0412db185c98ff58825ed4c81cfbc7bdabcf33ac48bdaaae5f39fc65445";

    private static final Schema USER = SchemaBuilder.struct().name("user")
            .field("email", Schema.STRING_SCHEMA)
            .field("id", Schema.INT64_SCHEMA)
            .field("nickname", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema CLICK = SchemaBuilder.struct().name("click")
            .field("user", USER)
            .field("card", Schema.STRING_SCHEMA)
            .field("ip", Schema.OPTIONAL_STRING_SCHEMA)
            .field("notes", Schema.STRING_SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("page", Schema.STRING_SCHEMA)
            .build();

    private static Mask<SinkRecord> mask(Map<String, String> props) {
        Map<String, String> all = new HashMap<>(Map.of("hmac.key", KEY));
        all.putAll(props);
        Mask<SinkRecord> mask = new Mask.Value<>();
        mask.configure(all);
        return mask;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("clicks", 2, null, null, schema, value, 77L);
    }

    private static Struct click() {
        return new Struct(CLICK)
                .put("user", new Struct(USER).put("email", "alice@example.com").put("id", 42L).put("nickname", null))
                .put("card", "4111111111111234")
                .put("ip", "192.168.17.42")
                .put("notes", "called about her divorce")
                .put("amount", new BigDecimal("12.50"))
                .put("page", "/home");
    }

    @Test
    void masksNestedStructFieldsAndChangesTheSchemaOnlyWhereNeeded() {
        Mask<SinkRecord> mask = mask(Map.of("fields",
                "user.email:hmac, user.id:hmac, card:keep-last:4, ip:ip-truncate, notes:redact, amount:redact"));

        SinkRecord out = mask.apply(record(CLICK, click()));

        Struct value = (Struct) out.value();
        Struct user = value.getStruct("user");
        assertThat(user.get("email")).isEqualTo(HMAC_ALICE);
        assertThat(user.get("id")).isEqualTo(HMAC_42);
        assertThat(user.get("nickname")).isNull();
        assertThat(value.get("card")).isEqualTo("************1234");
        assertThat(value.get("ip")).isEqualTo("192.168.17.0");
        assertThat(value.get("notes")).isEqualTo("");
        assertThat(value.get("amount")).isNull();
        assertThat(value.get("page")).isEqualTo("/home");

        Schema schema = out.valueSchema();
        assertThat(schema.name()).isEqualTo("click");
        assertThat(schema.field("user").schema().field("id").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("user").schema().field("email").schema()).isSameAs(Schema.STRING_SCHEMA);
        assertThat(schema.field("amount").schema().isOptional()).isTrue();
        assertThat(schema.field("amount").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(schema.field("page").schema()).isSameAs(Schema.STRING_SCHEMA);
    }

    @Test
    void derivesTheMaskedSchemaOncePerInputSchema() {
        Mask<SinkRecord> mask = mask(Map.of("fields", "user.id:hmac"));

        Schema first = mask.apply(record(CLICK, click())).valueSchema();
        Schema again = mask.apply(record(CLICK, click())).valueSchema();
        Schema equalCopy = SchemaBuilder.struct().name("click");
        CLICK.fields().forEach(f -> ((SchemaBuilder) equalCopy).field(f.name(), f.schema()));
        Schema fromCache = mask.apply(record(((SchemaBuilder) equalCopy).build(), click())).valueSchema();

        assertThat(again).isSameAs(first);
        assertThat(fromCache).isSameAs(first);
    }

    @Test
    void masksSchemalessMapsTheSameWayWithoutTouchingTheInput() {
        Mask<SinkRecord> mask = mask(Map.of("fields", "user.email:hmac,user.id:hmac,card:keep-last:4,ip:ip-truncate,"
                + "notes:redact,missing.field:hmac"));
        Map<String, Object> user = new HashMap<>(Map.of("email", "alice@example.com", "id", 42));
        Map<String, Object> value = new HashMap<>(Map.of("user", user, "card", 4111111111111234L,
                "ip", "2001:db8:abcd:12:34::1", "notes", "secret", "page", "/home"));

        Map<?, ?> out = (Map<?, ?>) mask.apply(record(null, value)).value();

        assertThat(((Map<?, ?>) out.get("user")).get("email")).isEqualTo(HMAC_ALICE);
        assertThat(((Map<?, ?>) out.get("user")).get("id")).isEqualTo(HMAC_42);
        assertThat(out.get("card")).isEqualTo("************1234");
        assertThat(out.get("ip")).isEqualTo("2001:db8:abcd::");
        assertThat(out.get("notes")).isNull();
        assertThat(out.containsKey("notes")).isTrue();
        assertThat(out.get("page")).isEqualTo("/home");
        assertThat(out.containsKey("missing")).isFalse();
        assertThat(user.get("email")).isEqualTo("alice@example.com");
        assertThat(value.get("notes")).isEqualTo("secret");
    }

    @Test
    void passesTombstonesAndNullFieldsAndNullParentsThrough() {
        Mask<SinkRecord> mask = mask(Map.of("fields", "user.email:hmac,ip:ip-truncate,user.nickname:keep-last:2"));
        SinkRecord tombstone = record(CLICK, null);
        Schema optionalUser = SchemaBuilder.struct().field("user", SchemaBuilder.struct()
                .field("email", Schema.STRING_SCHEMA).optional().build()).build();

        assertThat(mask.apply(tombstone)).isSameAs(tombstone);
        assertThat(((Struct) mask.apply(record(CLICK, click().put("ip", null))).value()).get("ip")).isNull();
        assertThat(((Struct) mask.apply(record(optionalUser, new Struct(optionalUser))).value()).get("user")).isNull();
        Map<String, Object> nullUser = new HashMap<>();
        nullUser.put("user", null);
        assertThat(((Map<?, ?>) mask.apply(record(null, nullUser)).value()).get("user")).isNull();
    }

    @Test
    void masksTheKeyWithTheKeyVariant() {
        Mask.Key<SinkRecord> mask = new Mask.Key<>();
        mask.configure(Map.of("fields", "account:keep-last:2", "mask.char", "#"));

        SinkRecord out = mask.apply(new SinkRecord("t", 0, null, Map.of("account", "AB1234"), null, "v", 1L));

        assertThat(out.key()).isEqualTo(Map.of("account", "####34"));
        assertThat(out.value()).isEqualTo("v");
    }

    @Test
    void hmacPseudonymsDependOnTheKeyAndMatchAcrossTypes() {
        Mask<SinkRecord> one = mask(Map.of("fields", "id:hmac"));
        Mask<SinkRecord> other = mask(Map.of("fields", "id:hmac", "hmac.key", "another key of enough length"));

        Object fromLong = ((Map<?, ?>) one.apply(record(null, Map.of("id", 42L))).value()).get("id");
        Object fromText = ((Map<?, ?>) one.apply(record(null, Map.of("id", "42"))).value()).get("id");
        Object fromDecimal = ((Map<?, ?>) one.apply(record(null, Map.of("id", new BigDecimal("42.00")))).value())
                .get("id");
        Object otherKey = ((Map<?, ?>) other.apply(record(null, Map.of("id", 42L))).value()).get("id");

        assertThat(fromLong).isEqualTo(HMAC_42).isEqualTo(fromText).isEqualTo(fromDecimal);
        assertThat(otherKey).isNotEqualTo(HMAC_42);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nofield", "a:unknown", "a:keep-last", "a:keep-last:x", "a:keep-last:-1",
        "a..b:hmac", "a:hmac,a:redact", "user:redact,user.email:hmac"})
    void rejectsBadFieldEntriesAtConfigureTime(String fields) {
        assertThatThrownBy(() -> mask(Map.of("fields", fields))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("fields");
    }

    @Test
    void requiresAStrongEnoughHmacKeyOnlyWhenHmacIsUsedAndNeverPrintsIt() {
        Mask<SinkRecord> noKey = new Mask.Value<>();
        assertThatThrownBy(() -> noKey.configure(Map.of("fields", "a:hmac"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hmac.key");
        assertThatThrownBy(() -> mask(Map.of("fields", "a:hmac", "hmac.key", "short-secret")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("16 bytes")
                .hasMessageNotContaining("short-secret");
        new Mask.Value<SinkRecord>().configure(Map.of("fields", "a:redact"));
        assertThat(new Mask.Value<>().config().configKeys().get("hmac.key").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void badDataIsADataExceptionNamingTheFieldAndRecordButNotTheValue() {
        Mask<SinkRecord> ip = mask(Map.of("fields", "ip:ip-truncate"));
        assertThatThrownBy(() -> ip.apply(record(null, Map.of("ip", "alice.example.com"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'ip'").hasMessageContaining("topic=clicks partition=2 offset=77")
                .hasMessageNotContaining("alice");

        Mask<SinkRecord> keepInvalid = mask(Map.of("fields", "ip:ip-truncate", "ip.invalid", "keep"));
        assertThat(((Map<?, ?>) keepInvalid.apply(record(null, Map.of("ip", "unknown"))).value()).get("ip"))
                .isEqualTo("unknown");

        Mask<SinkRecord> nested = mask(Map.of("fields", "page.title:hmac"));
        assertThatThrownBy(() -> nested.apply(record(CLICK, click()))).isInstanceOf(DataException.class)
                .hasMessageContaining("'page'").hasMessageContaining("offset=77");
        assertThatThrownBy(() -> nested.apply(record(null, Map.of("page", "/home"))))
                .isInstanceOf(DataException.class).hasMessageContaining("'page'");

        Mask<SinkRecord> wrongType = mask(Map.of("fields", "user.id:ip-truncate"));
        assertThatThrownBy(() -> wrongType.apply(record(CLICK, click()))).isInstanceOf(DataException.class)
                .hasMessageContaining("'user.id'").hasMessageContaining("INT64");

        Mask<SinkRecord> hmacOfStruct = mask(Map.of("fields", "user:hmac"));
        assertThatThrownBy(() -> hmacOfStruct.apply(record(null, Map.of("user", Map.of("id", 1)))))
                .isInstanceOf(DataException.class).hasMessageContaining("'user'");
        assertThatThrownBy(() -> hmacOfStruct.apply(record(null, "not a map")))
                .isInstanceOf(DataException.class).hasMessageContaining("map");
    }

    @Test
    void redactsRequiredNonStringsByMakingThemOptionalAndStringsByTheReplacement() {
        Schema schema = SchemaBuilder.struct().field("n", Schema.INT32_SCHEMA).field("s", Schema.STRING_SCHEMA)
                .field("o", Schema.OPTIONAL_STRING_SCHEMA).field("nested", USER).build();
        Struct value = new Struct(schema).put("n", 5).put("s", "x").put("o", "y").put("nested",
                new Struct(USER).put("email", "e").put("id", 1L));
        Mask<SinkRecord> mask = mask(Map.of("fields", "n:redact,s:redact,o:redact,nested:redact",
                "redact.replacement", "[redacted]"));

        SinkRecord out = mask.apply(record(schema, value));

        Struct masked = (Struct) out.value();
        assertThat(masked.get("n")).isNull();
        assertThat(masked.get("s")).isEqualTo("[redacted]");
        assertThat(masked.get("o")).isNull();
        assertThat(masked.get("nested")).isNull();
        assertThat(out.valueSchema().field("n").schema().isOptional()).isTrue();
        assertThat(out.valueSchema().field("nested").schema().fields()).hasSize(3);
    }
}

package io.tributary.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.smt.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class RulesTest {

    private static final String CLICK_RULES = """
            rules:
              - id: is_mobile
                derive: is_mobile
                type: boolean
                expression: value.device in ['ios', 'android']
              - id: no_bots
                filter: "!value.user.agent.contains('bot')"
              - id: price_not_negative
                validate: value.price >= 0
                on_failure: tag
              - id: has_currency
                validate: has(value.currency) && value.currency != null
                on_failure: tag
            """;

    private static final Schema USER = SchemaBuilder.struct().name("user")
            .field("agent", Schema.STRING_SCHEMA).build();
    private static final Schema CLICK = SchemaBuilder.struct().name("click")
            .field("device", Schema.STRING_SCHEMA)
            .field("user", USER)
            .field("price", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("currency", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static Rules<SinkRecord> rules(String inline) {
        Rules<SinkRecord> rules = new Rules<>();
        rules.configure(Map.of(Rules.RULES_CONFIG, inline));
        return rules;
    }

    private static Struct struct(String device, String agent, Double price, String currency) {
        return new Struct(CLICK).put("device", device).put("user", new Struct(USER).put("agent", agent))
                .put("price", price).put("currency", currency);
    }

    private static Map<String, Object> map(String device, String agent, Double price, String currency) {
        Map<String, Object> value = new HashMap<>();
        value.put("device", device);
        value.put("user", Map.of("agent", agent));
        value.put("price", price);
        value.put("currency", currency);
        return value;
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("clicks", 3, null, "k", schema, value, 42L);
    }

    private static List<String> tags(SinkRecord record) {
        List<String> ids = new ArrayList<>();
        record.headers().allWithName(Rules.DEFAULT_TAG_HEADER)
                .forEachRemaining(header -> ids.add((String) header.value()));
        return ids;
    }

    @Test
    void structAndMapRecordsGetTheSameOutcome() {
        Rules<SinkRecord> rules = rules(CLICK_RULES);

        SinkRecord fromStruct = rules.apply(record(CLICK, struct("ios", "Mozilla", 9.5, "EUR")));
        SinkRecord fromMap = rules.apply(record(null, map("ios", "Mozilla", 9.5, "EUR")));

        Struct value = (Struct) fromStruct.value();
        assertThat(value.getBoolean("is_mobile")).isTrue();
        assertThat(value.getFloat64("price")).isEqualTo(9.5);
        assertThat(fromStruct.valueSchema().field("is_mobile").schema()).isEqualTo(Schema.OPTIONAL_BOOLEAN_SCHEMA);
        assertThat((Map<Object, Object>) fromMap.value()).containsEntry("is_mobile", true).containsEntry("price", 9.5);
        assertThat(tags(fromStruct)).isEmpty();
        assertThat(tags(fromMap)).isEmpty();
    }

    @Test
    void filtersDropAndFailedValidationsTagWithOneHeaderPerRule() {
        Rules<SinkRecord> rules = rules(CLICK_RULES);

        assertThat(rules.apply(record(CLICK, struct("web", "Googlebot", 1.0, "EUR")))).isNull();
        assertThat(rules.apply(record(null, map("web", "Googlebot", 1.0, "EUR")))).isNull();

        SinkRecord bad = record(CLICK, struct("web", "Mozilla", -1.0, null));
        bad.headers().addString("origin", "web");
        SinkRecord tagged = rules.apply(bad);
        assertThat(tags(tagged)).containsExactly("price_not_negative", "has_currency");
        assertThat(tagged.headers().lastWithName("origin").value()).isEqualTo((Object) "web");
        assertThat(bad.headers().allWithName(Rules.DEFAULT_TAG_HEADER).hasNext()).isFalse();

        SinkRecord nullPrice = rules.apply(record(null, map("web", "Mozilla", null, "EUR")));
        assertThat(tags(nullPrice)).containsExactly("price_not_negative");
    }

    @Test
    void dropAndFailPoliciesInTheTransform() {
        Rules<SinkRecord> rules = rules("""
                rules:
                  - {id: known_device, validate: "value.device != 'unknown'", on_failure: drop}
                  - {id: has_price, validate: value.price != null, on_failure: fail}
                """);

        assertThat(rules.apply(record(CLICK, struct("unknown", "a", 1.0, "EUR")))).isNull();
        assertThatThrownBy(() -> rules.apply(record(CLICK, struct("ios", "a", null, "EUR"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("has_price")
                .hasMessageContaining("topic=clicks partition=3 offset=42");
    }

    @Test
    void badDataIsADataExceptionNamingRuleAndRecord() {
        Rules<SinkRecord> rules = rules("rules: [{id: cents, derive: cents, type: long, expression: "
                + "'int(value.price * 100.0)'}]");

        assertThatThrownBy(() -> rules.apply(record(null, Map.of("price", "free"))))
                .isInstanceOf(DataException.class).hasMessageContaining("cents")
                .hasMessageContaining("topic=clicks partition=3 offset=42");
        assertThatThrownBy(() -> rules.apply(record(Schema.STRING_SCHEMA, "not a struct")))
                .isInstanceOf(DataException.class).hasMessageContaining("offset=42");
        SinkRecord tombstone = record(CLICK, null);
        assertThat(rules.apply(tombstone)).isSameAs(tombstone);
    }

    @Test
    void derivedSchemaIsBuiltOncePerSourceSchemaAndReplacesAFieldOfTheSameType() {
        Rules<SinkRecord> rules = rules("""
                rules:
                  - {id: price_rounded, derive: price, type: double, expression: double(int(value.price))}
                  - {id: label, derive: label, type: string, expression: "value.device + '/' + string(value.price)"}
                """);

        SinkRecord first = rules.apply(record(CLICK, struct("ios", "a", 9.75, "EUR")));
        SinkRecord second = rules.apply(record(CLICK, struct("web", "b", 1.25, "USD")));

        assertThat(second.valueSchema()).isSameAs(first.valueSchema());
        assertThat(first.valueSchema().fields()).extracting(f -> f.name())
                .containsExactly("device", "user", "currency", "price", "label");
        assertThat(((Struct) first.value()).getFloat64("price")).isEqualTo(9.0);
        assertThat(((Struct) first.value()).getString("label")).isEqualTo("ios/9.0");
    }

    @Test
    void rulesThatOnlyJudgeLeaveAPassingRecordUntouched() {
        Rules<SinkRecord> rules = rules("rules: [{id: positive, validate: value.price > 0, on_failure: tag}]");
        SinkRecord record = record(CLICK, struct("ios", "a", 2.0, "EUR"));

        assertThat(rules.apply(record)).isSameAs(record);
    }

    @Test
    void keyTopicTimestampAndHeadersAreVariables() {
        Rules<SinkRecord> rules = rules("""
                rules:
                  - {id: src, derive: src, type: string, expression: "topic + '/' + key + '/' + headers.origin"}
                """);
        SinkRecord record = record(null, map("ios", "a", 1.0, "EUR"));
        record.headers().addString("origin", "app");

        assertThat((Map<Object, Object>) rules.apply(record).value()).containsEntry("src", "clicks/k/app");
    }

    @Test
    void aRuleFileAndTheBatchApiGiveWhatTheTransformGives(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, CLICK_RULES);
        Rules<SinkRecord> transform = new Rules<>();
        transform.configure(Map.of(Rules.RULES_FILE_CONFIG, file.toString()));
        RuleSet batch = RuleSet.load(file);

        Map<String, Object> row = map("android", "Mozilla", -3.0, "EUR");
        SinkRecord streamed = transform.apply(record(null, row));
        RuleSet.Result batched = batch.apply(row);

        assertThat(streamed.value()).isEqualTo(batched.row());
        assertThat(tags(streamed)).containsExactly("price_not_negative");
        assertThat(batched.failures()).extracting(f -> f.ruleId()).containsExactly("price_not_negative");
        assertThat(transform.ruleSet().rules()).isEqualTo(batch.rules());
    }

    @Test
    void configErrorsNameTheRuleAndShowInValidate(@TempDir Path dir) {
        assertThatThrownBy(() -> rules("rules: [{id: broken_price, filter: 'value.price >'}]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("broken_price");
        assertThatThrownBy(() -> rules("rules: [{id: typed, filter: 'value.price + 1'}]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("typed");
        assertThatThrownBy(() -> new Rules<SinkRecord>().configure(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> new Rules<SinkRecord>().configure(Map.of(
                Rules.RULES_FILE_CONFIG, dir.resolve("absent.yaml").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("absent.yaml");

        Map<String, ConfigValue> validated = new HashMap<>();
        Rules.CONFIG_DEF.validate(Map.of(Rules.RULES_CONFIG, "rules: [{id: bad_one, filter: '1 +'}]"))
                .forEach(value -> validated.put(value.name(), value));
        assertThat(validated.get(Rules.RULES_CONFIG).errorMessages()).singleElement()
                .asString().contains("bad_one");
    }

    @Test
    void tagHeaderNameIsConfigurable() {
        Rules<SinkRecord> rules = new Rules<>();
        rules.configure(Map.of(Rules.RULES_CONFIG, "rules: [{id: p, validate: value.price > 0, on_failure: tag}]",
                Rules.TAG_HEADER_CONFIG, "dq.failed"));
        ConnectHeaders none = new ConnectHeaders();

        SinkRecord out = rules.apply(record(CLICK, struct("ios", "a", 0.0, "EUR")));

        assertThat(out.headers().lastWithName("dq.failed").value()).isEqualTo((Object) "p");
        assertThat(none.isEmpty()).isTrue();
    }
}

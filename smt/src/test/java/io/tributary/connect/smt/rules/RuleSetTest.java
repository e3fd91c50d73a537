package io.tributary.connect.smt.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain Java API a batch job uses, without any Connect record around the row. */
class RuleSetTest {

    static final String CLICK_RULES = """
            rules:
              - id: is_mobile
                derive: is_mobile
                type: boolean
                expression: value.device in ['ios', 'android']
              - id: no_bots
                filter: "!value.user_agent.contains('bot')"
              - id: price_not_negative
                validate: value.price >= 0
                on_failure: tag
            """;

    private static Map<String, Object> click(String device, String userAgent, Object price) {
        Map<String, Object> row = new HashMap<>();
        row.put("device", device);
        row.put("user_agent", userAgent);
        row.put("price", price);
        return row;
    }

    @Test
    void appliesDeriveFilterAndValidateToARow() {
        RuleSet rules = RuleSet.parse(CLICK_RULES);

        RuleSet.Result kept = rules.apply(click("ios", "Mozilla/5.0", 9.99));
        assertThat(kept.dropped()).isFalse();
        assertThat(kept.failures()).isEmpty();
        assertThat(kept.row()).containsEntry("is_mobile", true).containsEntry("price", 9.99);

        RuleSet.Result bot = rules.apply(click("desktop", "Googlebot/2.1", 1.0));
        assertThat(bot.dropped()).isTrue();

        RuleSet.Result negative = rules.apply(click("desktop", "Mozilla/5.0", -5L));
        assertThat(negative.dropped()).isFalse();
        assertThat(negative.row()).containsEntry("is_mobile", false);
        assertThat(negative.failures()).extracting(RuleFailure::ruleId).containsExactly("price_not_negative");
    }

    @Test
    void loadsTheSameRulesFromAFileAndFromJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clicks.yaml");
        Files.writeString(file, CLICK_RULES);
        String json = "{\"rules\":[{\"id\":\"is_mobile\",\"derive\":\"is_mobile\",\"type\":\"boolean\","
                + "\"expression\":\"value.device in ['ios', 'android']\"},"
                + "{\"id\":\"no_bots\",\"filter\":\"!value.user_agent.contains('bot')\"},"
                + "{\"id\":\"price_not_negative\",\"validate\":\"value.price >= 0\",\"on_failure\":\"tag\"}]}";

        for (RuleSet rules : List.of(RuleSet.load(file), RuleSet.parse(json))) {
            assertThat(rules.rules()).extracting(RuleDefinition::id)
                    .containsExactly("is_mobile", "no_bots", "price_not_negative");
            assertThat(rules.apply(click("android", "x", 1)).row()).containsEntry("is_mobile", true);
        }
    }

    @Test
    void theDocumentedExampleWorks() throws Exception {
        RuleSet rules = RuleSet.load(Path.of(getClass().getResource("/rules/clicks-rules.yaml").toURI()));
        Map<String, Object> phone = Map.of("device", "web", "user_agent", "Mozilla/5.0 (iPhone) Mobile",
                "price", 600.0, "quantity", 2);

        RuleSet.Result result = rules.apply(phone);

        assertThat(result.row()).containsEntry("is_mobile", true).containsEntry("total", 1200.0)
                .containsEntry("big_order", true);
        assertThat(rules.apply(Map.of("device", "web", "user_agent", "AhrefsBot/7.0", "price", 1.0,
                "quantity", 1)).dropped()).isTrue();
        assertThat(rules.apply(Map.of("device", "ios", "user_agent", "App", "price", -1.0, "quantity", 1))
                .failures()).extracting(RuleFailure::ruleId).containsExactly("price_not_negative");
    }

    @Test
    void laterRulesSeeEarlierDerivedFieldsAndOrderMatters() {
        RuleSet rules = RuleSet.parse("""
                rules:
                  - {id: total, derive: total, type: double, expression: value.price * double(value.quantity)}
                  - {id: big, derive: big, type: boolean, expression: value.total > 100.0}
                  - {id: total_again, derive: total, type: double, expression: value.total + 1.0}
                """);

        Map<String, Object> row = rules.apply(Map.of("price", 30.0, "quantity", 4L)).row();

        assertThat(row).containsEntry("total", 121.0).containsEntry("big", true);
        assertThat(rules.derivedFields()).containsOnlyKeys("total", "big");

        RuleSet reversed = RuleSet.parse("""
                rules:
                  - {id: big, derive: big, type: boolean, expression: value.total > 100.0}
                  - {id: total, derive: total, type: double, expression: value.price * double(value.quantity)}
                """);
        assertThatThrownBy(() -> reversed.apply(Map.of("price", 30.0, "quantity", 4L)))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("rule 'big'").hasMessageContaining("total");
    }

    @Test
    void structAndMapGiveTheSameAnswersOnNestedFields() {
        Schema user = SchemaBuilder.struct().field("country", Schema.STRING_SCHEMA)
                .field("age", Schema.OPTIONAL_INT32_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().field("user", user).field("price", Schema.FLOAT32_SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();
        Struct struct = new Struct(schema).put("user", new Struct(user).put("country", "DE").put("age", 31))
                .put("price", 2.5f).put("tags", List.of("sale", "new"));
        Map<String, Object> map = Map.of("user", Map.of("country", "DE", "age", 31), "price", 2.5f,
                "tags", List.of("sale", "new"));
        RuleSet rules = RuleSet.parse("""
                rules:
                  - {id: fields, derive: fields, type: long, expression: size(value)}
                  - {id: eu, derive: eu, type: boolean, expression: "value.user.country in ['DE', 'FR']"}
                  - {id: adult, derive: adult, type: boolean, expression: value.user.age >= 18}
                  - {id: label, derive: label, type: string, expression: "value.user.country + '-' + string(value.user.age)"}
                  - {id: on_sale, derive: on_sale, type: boolean, expression: "value.tags.exists(t, t == 'sale')"}
                  - {id: cents, derive: cents, type: long, expression: int(value.price * 100.0)}
                """);

        Map<String, Object> fromStruct = rules.evaluate(struct, null, "t", null, null).derived();
        Map<String, Object> fromMap = rules.evaluate(map, null, "t", null, null).derived();

        assertThat(fromStruct).isEqualTo(fromMap).containsEntry("eu", true).containsEntry("adult", true)
                .containsEntry("label", "DE-31").containsEntry("on_sale", true).containsEntry("cents", 250L)
                .containsEntry("fields", 3L);
    }

    @Test
    void nullValuesAreNullAndCanBeTested() {
        RuleSet rules = RuleSet.parse("""
                rules:
                  - {id: has_coupon, derive: has_coupon, type: boolean, expression: value.coupon != null}
                  - {id: coupon, derive: coupon_code, type: string, expression: "value.coupon == null ? null : value.coupon"}
                  - {id: price_known, validate: value.price >= 0, on_failure: tag}
                """);
        Map<String, Object> row = new HashMap<>();
        row.put("coupon", null);
        row.put("price", null);

        RuleSet.Result result = rules.apply(row);

        assertThat(result.row()).containsEntry("has_coupon", false).containsEntry("coupon_code", null);
        // a validation that cannot be evaluated on the data fails like a false one, under its own policy
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.ruleId()).isEqualTo("price_known");
            assertThat(failure.reason()).contains("overload");
        });
    }

    @Test
    void everyFailurePolicy() {
        RuleSet rules = RuleSet.parse("""
                rules:
                  - {id: tag_1, validate: value.a > 0, on_failure: tag}
                  - {id: tag_2, validate: value.b > 0, on_failure: tag}
                  - {id: drop_it, validate: value.c > 0, on_failure: drop}
                  - {id: fail_it, validate: value.d > 0, on_failure: fail}
                  - {id: default_is_fail, validate: value.e > 0}
                """);

        assertThat(rules.apply(Map.of("a", 1, "b", 1, "c", 1, "d", 1, "e", 1)).failures()).isEmpty();
        RuleSet.Result tagged = rules.apply(Map.of("a", 0, "b", 0, "c", 1, "d", 1, "e", 1));
        assertThat(tagged.dropped()).isFalse();
        assertThat(tagged.failures()).extracting(RuleFailure::ruleId).containsExactly("tag_1", "tag_2");
        RuleSet.Result dropped = rules.apply(Map.of("a", 1, "b", 1, "c", 0, "d", 0, "e", 0));
        assertThat(dropped.dropped()).isTrue();
        assertThat(dropped.failures()).extracting(RuleFailure::ruleId).containsExactly("drop_it");
        assertThatThrownBy(() -> rules.apply(Map.of("a", 1, "b", 1, "c", 1, "d", 0, "e", 1)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("fail_it")
                .extracting(e -> ((RuleViolationException) e).ruleId()).isEqualTo("fail_it");
        assertThatThrownBy(() -> rules.apply(Map.of("a", 1, "b", 1, "c", 1, "d", 1, "e", 0)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("default_is_fail");
    }

    @Test
    void badDataInAFilterOrDerivedFieldIsAViolationNamingTheRule() {
        RuleSet rules = RuleSet.parse("""
                rules:
                  - {id: doubled, derive: doubled, type: long, expression: value.n * 2}
                """);

        assertThat(rules.apply(Map.of("n", 21)).row()).containsEntry("doubled", 42L);
        assertThatThrownBy(() -> rules.apply(Map.of("n", "twenty-one")))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("doubled");
        assertThatThrownBy(() -> rules.apply(Map.of("m", 1)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("doubled")
                .hasMessageContaining("'n'");
        RuleSet wrongType = RuleSet.parse("rules: [{id: d, derive: d, type: long, expression: value.n}]");
        assertThatThrownBy(() -> wrongType.apply(Map.of("n", "text")))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("declares long");
    }

    @Test
    void recordVariablesAreExposed() {
        RuleSet rules = RuleSet.parse("""
                rules:
                  - {id: t, derive: src, type: string, expression: "topic + ':' + string(key) + ':' + headers.origin"}
                  - {id: ts, derive: late, type: boolean, expression: timestamp < 1000}
                """);

        Map<String, Object> derived = rules.evaluate(Map.of(), 7, "clicks", 10L, () -> Map.of("origin", "web"))
                .derived();

        assertThat(derived).containsEntry("src", "clicks:7:web").containsEntry("late", true);
    }
}

package io.tributary.connect.smt.predicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.apache.kafka.connect.transforms.predicates.TopicNameMatches;
import org.junit.jupiter.api.Test;

class PredicateCompositionTest {

    private static final String FIELD_MATCHES = FieldMatches.class.getName();

    private static <P extends Predicate<SinkRecord>> P configured(P predicate, Map<String, String> props) {
        predicate.configure(props);
        return predicate;
    }

    private static SinkRecord click(String topic, String country, boolean late) {
        ConnectHeaders headers = new ConnectHeaders();
        if (late) {
            headers.addBoolean(IsLate.DEFAULT_HEADER, true);
        }
        return new SinkRecord(topic, 0, null, null, null, Map.of("country", country), 1L, 1L, null, headers);
    }

    /** Clicks from Germany or Austria: {@code country in (DE, AT)} as two equals conditions. */
    private static Map<String, String> germanOrAustrian() {
        Map<String, String> props = new HashMap<>();
        props.put("conditions", "de,at");
        props.put("conditions.de.type", FIELD_MATCHES);
        props.put("conditions.de.field", "country");
        props.put("conditions.de.value", "DE");
        props.put("conditions.at.type", FIELD_MATCHES);
        props.put("conditions.at.field", "country");
        props.put("conditions.at.value", "AT");
        return props;
    }

    @Test
    void anyOfIsOrAndAllOfIsAnd() {
        AnyOf<SinkRecord> anyOf = configured(new AnyOf<>(), germanOrAustrian());
        Map<String, String> both = new HashMap<>(germanOrAustrian());
        both.put("conditions.at.value", "DE");
        AllOf<SinkRecord> allOf = configured(new AllOf<>(), both);

        assertThat(anyOf.test(click("clicks", "AT", false))).isTrue();
        assertThat(anyOf.test(click("clicks", "FR", false))).isFalse();
        assertThat(allOf.test(click("clicks", "DE", false))).isTrue();
        assertThat(allOf.test(click("clicks", "AT", false))).isFalse();
    }

    @Test
    void nestsCompositionsAndTakesConnectsOwnPredicates() {
        // clicks topic AND NOT late AND (DE OR AT)
        Map<String, String> props = new HashMap<>();
        props.put("type", AllOf.class.getName());  // Connect passes the alias's own type key too
        props.put("conditions", "topic, onTime, dach");
        props.put("conditions.topic.type", TopicNameMatches.class.getName());
        props.put("conditions.topic.pattern", "clicks.*");
        props.put("conditions.onTime.type", Not.class.getName());
        props.put("conditions.onTime.conditions", "late");
        props.put("conditions.onTime.conditions.late.type", IsLate.class.getName());
        props.put("conditions.dach.type", AnyOf.class.getName());
        germanOrAustrian().forEach((key, value) -> props.put("conditions.dach." + key, value));
        AllOf<SinkRecord> predicate = configured(new AllOf<>(), props);

        assertThat(predicate.test(click("clicks-eu", "DE", false))).isTrue();
        assertThat(predicate.test(click("clicks-eu", "DE", true))).isFalse();
        assertThat(predicate.test(click("orders", "DE", false))).isFalse();
        assertThat(predicate.test(click("clicks-eu", "FR", false))).isFalse();
        predicate.close();
    }

    @Test
    void rejectsBadConditionsAtConfigureTimeNamingTheKey() {
        assertRejected(Map.of("conditions", "a"), "conditions.a.type");
        assertRejected(Map.of("conditions", "a", "conditions.a.type", "no.such.Predicate"), "conditions.a.type");
        assertRejected(Map.of("conditions", "a", "conditions.a.type", String.class.getName()), "not a Predicate");
        assertRejected(Map.of("conditions", "a", "conditions.a.type", FIELD_MATCHES, "conditions.a.feild", "x",
                "conditions.a.value", "x"), "conditions.a.feild");
        assertRejected(Map.of("conditions", "a", "conditions.a.type", FIELD_MATCHES, "conditions.a.match", "regex",
                "conditions.a.value", "("), "Condition 'a'");
        assertRejected(Map.of("conditions", "a", "conditions.a.type", IsLate.class.getName(),
                "conditions.b.type", IsLate.class.getName()), "conditions.b.type");
        assertRejected(Map.of("conditions", "a,a"), "twice");
        assertRejected(Map.of("conditions", "a.b"), "'.'");
        assertThatThrownBy(() -> configured(new Not<>(), Map.of("conditions", "a,b",
                "conditions.a.type", IsLate.class.getName(), "conditions.b.type", IsLate.class.getName())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> configured(new AnyOf<>(), Map.of("conditions", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least one");
    }

    private static void assertRejected(Map<String, String> props, String message) {
        assertThatThrownBy(() -> configured(new AllOf<>(), props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void describesTheConditionSubKeysInItsConfig() {
        assertThat(new AllOf<>().config().configKeys().get("conditions").documentation)
                .contains("conditions.N.type").contains("validate endpoint");
    }
}

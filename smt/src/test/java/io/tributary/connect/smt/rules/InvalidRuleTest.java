package io.tributary.connect.smt.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every mistake in a rule set is found when it is loaded, naming the rule. */
class InvalidRuleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            syntax error        | {id: broken, filter: 'value.price >'}                         | broken | does not compile
            unknown variable    | {id: who, filter: 'user.price > 0'}                           | who    | undeclared reference
            filter not bool     | {id: f, filter: 'value.price + 1'}                            | f      | needs bool
            derive wrong type   | {id: d, derive: x, type: long, expression: "'text'"}          | d      | of type long
            derive bool as str  | {id: d, derive: x, type: string, expression: '1 < 2'}         | d      | of type string
            unknown type        | {id: d, derive: x, type: int, expression: '1'}                | d      | 'type' must be
            nested derive field | {id: d, derive: a.b, type: long, expression: '1'}             | d      | top-level field
            two kinds           | {id: k, filter: 'true', validate: 'true'}                     | k      | exactly one of
            no kind             | {id: k, expression: 'true'}                                   | k      | exactly one of
            misspelt property   | {id: v, validate: 'true', on_falure: tag}                     | v      | unknown property 'on_falure'
            bad policy          | {id: v, validate: 'true', on_failure: ignore}                 | v      | drop, fail or tag
            policy on filter    | {id: f, filter: 'true', on_failure: tag}                      | f      | does not apply
            empty expression    | {id: f, filter: ''}                                           | f      | non-empty 'filter'
            """)
    void namesTheRule(String mistake, String rule, String id, String message) {
        assertThatThrownBy(() -> RuleSet.parse("rules: [" + rule + "]"))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("rule '" + id + "'")
                .hasMessageContaining(message)
                .matches(e -> id.equals(((InvalidRuleException) e).ruleId()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not yaml          | 'rules: [ {'                                              | not valid YAML
            no rules list     | 'filters: []'                                             | 'rules'
            rule not a map    | 'rules: [ 42 ]'                                           | rule #1 is not a map
            missing id        | 'rules: [ {filter: ''true''} ]'                           | needs an 'id'
            duplicate id      | 'rules: [ {id: a, filter: ''true''}, {id: a, filter: ''false''} ]' | used by an earlier rule
            java object tag   | 'rules: !!javax.script.ScriptEngineManager [ ]'           | not valid YAML
            """)
    void rejectsMalformedRuleSets(String mistake, String text, String message) {
        assertThatThrownBy(() -> RuleSet.parse(text)).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void derivingOneFieldWithTwoTypesIsRejected() {
        assertThatThrownBy(() -> RuleSet.parse("""
                rules:
                  - {id: first, derive: x, type: long, expression: '1'}
                  - {id: second, derive: x, type: string, expression: "'1'"}
                """)).isInstanceOf(InvalidRuleException.class).hasMessageContaining("rule 'second'");
    }
}

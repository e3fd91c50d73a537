package io.tributary.connect.smt.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a rule author cannot do. Every attempt must end as an {@link InvalidRuleException} when the rules are
 * loaded or as a {@link RuleViolationException} when a record is evaluated — never as an effect.
 */
class RuleSandboxTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // reflection
            "''.getClass().forName('java.lang.Runtime') != null",
            "value.getClass().getName() == 'x'",
            "type(value).getClassLoader() != null",
            "java.lang.Class.forName('java.lang.Runtime') != null",
            // processes
            "java.lang.Runtime.getRuntime().exec('touch /tmp/tributary-pwned') != null",
            "Runtime.getRuntime().exec('id') != null",
            "new ProcessBuilder('id').start() != null",
            // files
            "java.nio.file.Files.readString(java.nio.file.Path.of('/etc/passwd')) != ''",
            "File('/etc/passwd').exists()",
            // system properties and environment
            "System.getProperty('user.home') != ''",
            "System.getenv('PATH') != ''",
            "java.lang.System.exit(1) == null",
            // network
            "java.net.URL('http://127.0.0.1:9/').openStream() != null",
            "java.net.InetAddress.getByName('localhost') != null",
            // arbitrary Java methods on data, script engines
            "value.user_agent.getBytes().size() > 0",
            "value.user_agent.toUpperCase() == 'X'",
            "javax.script.ScriptEngineManager().getEngineByName('js') != null",
    })
    void javaIsUnreachableAtLoadTime(String expression) {
        String rules = "rules: [{id: escape, filter: \"" + expression.replace("\"", "\\\"") + "\"}]";
        assertThatThrownBy(() -> RuleSet.parse(rules))
                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("rule 'escape'");
        assertThat(Path.of("/tmp/tributary-pwned")).doesNotExist();
    }

    @Test
    void dataThatLooksLikeCodeIsOnlyData(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        RuleSet rules = RuleSet.parse("rules: [{id: echo, derive: echo, type: string, expression: value.text}]");

        String code = "java.lang.Runtime.getRuntime().exec('touch " + marker + "')";
        assertThat(rules.apply(Map.of("text", code)).row()).containsEntry("echo", code);
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void nestedLoopsStopAtTheIterationBudget() {
        // 100 × 100 × 100 iterations would allocate a million-element list; the budget stops it after 1,000
        String range = "[" + "0,".repeat(99) + "0]";
        RuleSet rules = RuleSet.parse("rules: [{id: explode, filter: \"" + range + ".map(a, " + range
                + ".map(b, " + range + ".map(c, c))).size() > 0\"}]");

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> rules.apply(Map.of())).isInstanceOf(RuleViolationException.class)
                        .hasMessageContaining("explode").hasMessageContaining("budget"));
    }

    @Test
    void loopsOverRecordDataAreBoundedToo() {
        RuleSet rules = RuleSet.parse("rules: [{id: all_small, filter: 'value.items.all(i, i < 10)'}]");
        java.util.List<Long> many = java.util.Collections.nCopies(5_000, 1L);

        assertThat(rules.apply(Map.of("items", java.util.List.of(1L, 2L))).dropped()).isFalse();
        assertThatThrownBy(() -> rules.apply(Map.of("items", many))).isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("budget");
    }

    @Test
    void regularExpressionsRunInLinearTime() {
        // catastrophic backtracking for java.util.regex; RE2 (re2j) matches in time linear in the input
        RuleSet rules = RuleSet.parse("rules: [{id: redos, filter: \"value.s.matches('^(a+)+$')\"}]");
        String hostile = "a".repeat(10_000) + "!";

        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(rules.apply(Map.of("s", hostile)).dropped()).isTrue());
    }

    @Test
    void hugeOrDeeplyNestedExpressionsAreRejectedAtLoadTime() {
        String deep = "(".repeat(500) + "true" + ")".repeat(500);
        assertThatThrownBy(() -> RuleSet.parse("rules: [{id: deep, filter: '" + deep + "'}]"))
                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("rule 'deep'");
        String huge = "true" + " && true".repeat(1_000);
        assertThatThrownBy(() -> RuleSet.parse("rules: [{id: huge, filter: '" + huge + "'}]"))
                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("rule 'huge'");
    }

    @Test
    void stringGrowthIsBoundedByTheIterationBudget() {
        // the only way to grow a value is a macro, and macros stop at the budget
        String range = "[" + "0,".repeat(999) + "0]";
        RuleSet rules = RuleSet.parse("rules: [{id: grow, derive: s, type: long, expression: \"size(" + range
                + ".map(a, " + range + ".map(b, value.s)))\"}]");

        assertThatThrownBy(() -> rules.apply(Map.of("s", "x".repeat(1000))))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("budget");
    }
}

package io.tributary.connect.smt.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a rule file: YAML (so JSON too, which is YAML's flow style) holding {@code rules:}, a list of rules.
 * Unknown properties are errors rather than ignored, so a misspelt {@code on_falure} cannot silently turn a
 * tagging rule into a failing one.
 *
 * <pre>
 * rules:
 *   - id: is_mobile
 *     derive: is_mobile        # the field to set; its type follows
 *     type: boolean
 *     expression: value.device in ['ios', 'android']
 *   - id: no_bots
 *     filter: "!value.user_agent.contains('bot')"
 *   - id: price_not_negative
 *     validate: value.price >= 0
 *     on_failure: tag
 * </pre>
 */
final class RuleFileParser {

    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> PROPERTIES = Set.of("id", "derive", "type", "expression", "filter",
            "validate", "on_failure", "description");
    /** A rule file is written by people; anything larger is a mistake or an attack on the parser. */
    private static final int MAX_FILE_CODE_POINTS = 1_000_000;

    private RuleFileParser() {
    }

    static List<RuleDefinition> parse(String text) {
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(MAX_FILE_CODE_POINTS);
            options.setAllowDuplicateKeys(false);
            // SafeConstructor builds only maps, lists and scalars: a YAML tag can never instantiate a Java class.
            document = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new InvalidRuleException(null, "the rule set is not valid YAML or JSON: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> top) || !(top.get("rules") instanceof List<?> rules)
                || top.size() != 1) {
            throw new InvalidRuleException(null, "the rule set must be a map with one entry, 'rules', a list");
        }
        List<RuleDefinition> definitions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleDefinition rule = rule(rules.get(i), i);
            if (!ids.add(rule.id())) {
                throw new InvalidRuleException(rule.id(), "the id is used by an earlier rule");
            }
            definitions.add(rule);
        }
        return definitions;
    }

    private static RuleDefinition rule(Object entry, int index) {
        if (!(entry instanceof Map<?, ?> map)) {
            throw new InvalidRuleException(null, "rule #" + (index + 1) + " is not a map");
        }
        Object idValue = map.get("id");
        if (!(idValue instanceof String id) || !ID.matcher(id).matches()) {
            throw new InvalidRuleException(null, "rule #" + (index + 1) + " needs an 'id' of letters, digits, "
                    + "'_', '.' or '-', got " + idValue);
        }
        for (Object property : map.keySet()) {
            if (!PROPERTIES.contains(property)) {
                throw new InvalidRuleException(id, "unknown property '" + property + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(PROPERTIES)));
            }
        }
        boolean derive = map.containsKey("derive");
        boolean filter = map.containsKey("filter");
        boolean validate = map.containsKey("validate");
        if ((derive ? 1 : 0) + (filter ? 1 : 0) + (validate ? 1 : 0) != 1) {
            throw new InvalidRuleException(id, "needs exactly one of 'derive', 'filter' or 'validate'");
        }
        if (derive) {
            return derived(id, map);
        }
        disallow(id, map, "type", "expression");
        if (filter) {
            disallow(id, map, "on_failure");
            return new RuleDefinition(id, RuleKind.FILTER, text(id, map, "filter"), null, null, null);
        }
        String policy = map.containsKey("on_failure") ? text(id, map, "on_failure") : "fail";
        FailurePolicy onFailure;
        try {
            onFailure = FailurePolicy.valueOf(policy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleException(id, "'on_failure' must be drop, fail or tag, not '" + policy + "'");
        }
        return new RuleDefinition(id, RuleKind.VALIDATE, text(id, map, "validate"), null, null, onFailure);
    }

    private static RuleDefinition derived(String id, Map<?, ?> map) {
        disallow(id, map, "on_failure");
        String field = text(id, map, "derive");
        if (!FIELD.matcher(field).matches()) {
            throw new InvalidRuleException(id, "'derive' names a top-level field: letters, digits and '_', not '"
                    + field + "'");
        }
        String typeText = text(id, map, "type");
        FieldType type = FieldType.parse(typeText);
        if (type == null) {
            throw new InvalidRuleException(id, "'type' must be string, long, double or boolean, not '"
                    + typeText + "'");
        }
        return new RuleDefinition(id, RuleKind.DERIVE, text(id, map, "expression"), field, type, null);
    }

    private static String text(String id, Map<?, ?> map, String property) {
        Object value = map.get(property);
        // YAML reads an unquoted 'true' or '42' as a boolean or a number; as an expression it means the same.
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            String text = value.toString();
            if (!text.isBlank()) {
                return text;
            }
        }
        throw new InvalidRuleException(id, "needs a non-empty '" + property + "'");
    }

    private static void disallow(String id, Map<?, ?> map, String... properties) {
        for (String property : properties) {
            if (map.containsKey(property)) {
                throw new InvalidRuleException(id, "'" + property + "' does not apply to this kind of rule");
            }
        }
    }
}

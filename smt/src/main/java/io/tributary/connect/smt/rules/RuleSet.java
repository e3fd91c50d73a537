package io.tributary.connect.smt.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Struct;

/**
 * An ordered set of derive, filter and validate rules, compiled once, applied to one record or row at a time.
 * It is the whole of the Rules transform's logic and has no Connect dependency in its use, so a batch job
 * applies the very same rule file to its rows:
 *
 * <pre>
 * RuleSet rules = RuleSet.load(Path.of("clicks-rules.yaml"));
 * RuleSet.Result result = rules.apply(row);
 * if (!result.dropped()) write(result.row(), result.failures());
 * </pre>
 *
 * <p>Rules run in file order and stop at the first that drops the record; a derived field is visible to the
 * rules after the one that set it. A rule set is immutable and safe to share between threads.
 */
public final class RuleSet {

    private final List<CompiledRule> rules;
    private final Map<String, FieldType> derivedFields;

    private RuleSet(List<CompiledRule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, FieldType> fields = new LinkedHashMap<>();
        for (CompiledRule rule : rules) {
            RuleDefinition definition = rule.definition();
            if (definition.kind() == RuleKind.DERIVE) {
                FieldType earlier = fields.putIfAbsent(definition.field(), definition.type());
                if (earlier != null && earlier != definition.type()) {
                    throw new InvalidRuleException(rule.id(), "derives '" + definition.field() + "' as "
                            + definition.type().configValue() + " but an earlier rule derives it as "
                            + earlier.configValue());
                }
            }
        }
        this.derivedFields = Collections.unmodifiableMap(fields);
    }

    /** Reads and compiles a rule file. @throws InvalidRuleException naming the faulty rule */
    public static RuleSet load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Compiles rules given as YAML or JSON text. @throws InvalidRuleException naming the faulty rule */
    public static RuleSet parse(String text) {
        RuleCompiler compiler = new RuleCompiler();
        List<CompiledRule> compiled = new ArrayList<>();
        for (RuleDefinition definition : RuleFileParser.parse(text)) {
            compiled.add(compiler.compile(definition));
        }
        return new RuleSet(compiled);
    }

    /** The rules in evaluation order, as written. */
    public List<RuleDefinition> rules() {
        return rules.stream().map(CompiledRule::definition).toList();
    }

    /** The fields derive rules set, in the order first derived, with their types. */
    public Map<String, FieldType> derivedFields() {
        return derivedFields;
    }

    /**
     * Applies the rules to a row, as a batch job would; {@code value} in expressions is the row, and
     * {@code key}, {@code timestamp} are null, {@code topic} empty, {@code headers} empty.
     *
     * @throws RuleViolationException when a validation with {@code on_failure: fail} is false, or an expression
     *                                cannot be evaluated on this row
     */
    public Result apply(Map<String, ?> row) {
        Evaluation evaluation = evaluate(row, null, null, null, null);
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.putAll(evaluation.derived());
        return new Result(out, evaluation.dropped(), evaluation.failures());
    }

    /**
     * Evaluates the rules on one record's parts; what the Connect transform calls.
     *
     * @param value   a Struct or a Map, the record value
     * @param headers called at most once, and only when an expression reads {@code headers}
     */
    public Evaluation evaluate(Object value, Object key, String topic, Long timestamp,
                               Supplier<Map<String, ?>> headers) {
        if (!(value instanceof Struct) && !(value instanceof Map)) {
            throw new IllegalArgumentException("rules apply to a Struct or a Map value, not "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        RuleVariables variables = new RuleVariables(value, key, topic, timestamp, headers);
        List<RuleFailure> failures = List.of();
        for (CompiledRule rule : rules) {
            RuleDefinition definition = rule.definition();
            switch (definition.kind()) {
                case DERIVE -> variables.derive(definition.field(), rule.derive(variables));
                case FILTER -> {
                    if (!rule.test(variables)) {
                        return new Evaluation(rule.id(), failures, variables.derived());
                    }
                }
                case VALIDATE -> {
                    String reason = validationFailure(rule, variables);
                    if (reason != null) {
                        if (definition.onFailure() == FailurePolicy.FAIL) {
                            throw new RuleViolationException(rule.id(), reason);
                        }
                        if (failures.isEmpty()) {
                            failures = new ArrayList<>(2);
                        }
                        failures.add(new RuleFailure(rule.id(), reason));
                        if (definition.onFailure() == FailurePolicy.DROP) {
                            return new Evaluation(rule.id(), failures, variables.derived());
                        }
                    }
                }
            }
        }
        return new Evaluation(null, failures, variables.derived());
    }

    /**
     * Why the record fails {@code rule}, or null when it passes. A value the expression cannot be evaluated on
     * — a null price for {@code value.price >= 0} — fails the validation: that is the data problem a
     * validation is there to catch, and it gets the rule's policy like any other failure.
     */
    private static String validationFailure(CompiledRule rule, RuleVariables variables) {
        try {
            return rule.test(variables) ? null : "'" + rule.definition().expression() + "' is false";
        } catch (RuleViolationException e) {
            return e.getMessage();
        }
    }

    /**
     * What the rules did to one record.
     *
     * @param droppedBy the id of the filter or validation that dropped it, or null when it was kept
     * @param failures  validations it failed with policy tag (and the one with policy drop that dropped it)
     * @param derived   derived fields and their values, in the order first derived
     */
    public record Evaluation(String droppedBy, List<RuleFailure> failures, Map<String, Object> derived) {
        public boolean dropped() {
            return droppedBy != null;
        }
    }

    /**
     * A row after the rules.
     *
     * @param row      a copy of the input with the derived fields added or replaced
     * @param dropped  whether a filter or a validation with policy drop removed it
     * @param failures the validations it failed with policy tag or drop
     */
    public record Result(Map<String, Object> row, boolean dropped, List<RuleFailure> failures) {
    }
}

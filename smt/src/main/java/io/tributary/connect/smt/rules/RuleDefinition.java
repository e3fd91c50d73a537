package io.tributary.connect.smt.rules;

/**
 * One rule as written in a rule file, checked for completeness but not yet compiled.
 *
 * @param field     for {@link RuleKind#DERIVE}, the top-level field it sets; null otherwise
 * @param type      for {@link RuleKind#DERIVE}, the field's type; null otherwise
 * @param onFailure for {@link RuleKind#VALIDATE}, what a failure does; null otherwise
 */
public record RuleDefinition(String id, RuleKind kind, String expression, String field, FieldType type,
                             FailurePolicy onFailure) {
}

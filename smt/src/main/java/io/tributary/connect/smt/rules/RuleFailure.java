package io.tributary.connect.smt.rules;

/** A validation that a record failed under policy {@link FailurePolicy#TAG} or {@link FailurePolicy#DROP}. */
public record RuleFailure(String ruleId, String reason) {
}

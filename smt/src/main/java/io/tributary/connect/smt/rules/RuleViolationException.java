package io.tributary.connect.smt.rules;

/**
 * A record that a rule rejected: a validation with policy {@link FailurePolicy#FAIL} was false, or an
 * expression could not be evaluated on this record (a missing field, a value of an unexpected type, the
 * iteration budget spent).
 */
public final class RuleViolationException extends RuntimeException {

    private final String ruleId;

    RuleViolationException(String ruleId, String message) {
        super("rule '" + ruleId + "': " + message);
        this.ruleId = ruleId;
    }

    public String ruleId() {
        return ruleId;
    }
}

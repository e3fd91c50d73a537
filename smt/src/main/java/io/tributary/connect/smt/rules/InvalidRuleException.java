package io.tributary.connect.smt.rules;

/** A rule set that cannot be used: bad syntax, a type error, a missing or unknown property. */
public final class InvalidRuleException extends IllegalArgumentException {

    private final String ruleId;

    InvalidRuleException(String ruleId, String message) {
        super(ruleId == null ? message : "rule '" + ruleId + "': " + message);
        this.ruleId = ruleId;
    }

    /** The rule at fault, or null when the fault is in the rule set as a whole. */
    public String ruleId() {
        return ruleId;
    }
}

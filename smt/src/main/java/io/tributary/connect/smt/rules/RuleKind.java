package io.tributary.connect.smt.rules;

/** What a rule does with its expression's value. */
public enum RuleKind {
    /** Adds or replaces a top-level field with the expression's value, of the rule's declared type. */
    DERIVE,
    /** Drops the record when the expression is false. */
    FILTER,
    /** Checks the expression is true; when it is not, the rule's {@link FailurePolicy} says what happens. */
    VALIDATE
}

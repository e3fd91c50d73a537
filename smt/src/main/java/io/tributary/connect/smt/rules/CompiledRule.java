package io.tributary.connect.smt.rules;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.Locale;

/** A rule with its expression compiled; evaluating it is all that happens per record. */
final class CompiledRule {

    private final RuleDefinition definition;
    private final CelRuntime.Program program;

    CompiledRule(RuleDefinition definition, CelRuntime.Program program) {
        this.definition = definition;
        this.program = program;
    }

    RuleDefinition definition() {
        return definition;
    }

    String id() {
        return definition.id();
    }

    /** The value of a derive rule's expression, of the declared type or null. */
    Object derive(CelVariableResolver variables) {
        Object result = evaluate(variables);
        try {
            return definition.type().coerce(result);
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException(id(), e.getMessage());
        }
    }

    /** The truth of a filter or validation expression; null and non-boolean results are errors. */
    boolean test(CelVariableResolver variables) {
        Object result = evaluate(variables);
        if (result instanceof Boolean truth) {
            return truth;
        }
        throw new RuleViolationException(id(), "the expression gave a " + CelValues.typeName(result)
                + ", not a bool");
    }

    private Object evaluate(CelVariableResolver variables) {
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            // The kind of failure rather than CEL's message, which can quote the record's values; a missing
            // attribute's message names the field the expression asked for, which is worth keeping.
            CelErrorCode code = e.getErrorCode();
            String reason = code == CelErrorCode.ATTRIBUTE_NOT_FOUND ? e.getMessage()
                    : code == null ? "evaluation error" : code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            throw new RuleViolationException(id(), "cannot evaluate '" + definition.expression() + "': " + reason);
        }
    }
}

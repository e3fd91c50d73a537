package io.tributary.connect.smt.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * Compiles rule expressions into programs, once, when a rule set is loaded. This is where the sandbox is
 * made: CEL expressions can only name the variables declared here and call CEL's standard functions and
 * macros — there is no way to name a Java class, method, file, process or socket — and the limits below bound
 * what a program may cost per record.
 */
final class RuleCompiler {

    /** Iterations of all macros ({@code map}, {@code all}, {@code exists} …) together, per evaluation. */
    static final int MAX_ITERATIONS = 1_000;
    /** Longest expression accepted, in code points. */
    static final int MAX_EXPRESSION_LENGTH = 4_096;
    /** Deepest nesting the parser accepts, so a hostile expression cannot overflow the stack. */
    static final int MAX_NESTING = 64;
    /** Largest compiled regular expression (RE2 program size; RE2 matches in linear time anyway). */
    static final int MAX_REGEX_PROGRAM_SIZE = 1_000;

    static final String VALUE = "value";
    static final String KEY = "key";
    static final String TOPIC = "topic";
    static final String TIMESTAMP = "timestamp";
    static final String HEADERS = "headers";

    private static final CelOptions OPTIONS = CelOptions.current()
            // value.price > 0 must hold for a double price too: rules are written by people, not type theorists
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
            .maxParseRecursionDepth(MAX_NESTING)
            .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
            .build();

    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar(VALUE, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(KEY, SimpleType.DYN)
            .addVar(TOPIC, SimpleType.STRING)
            .addVar(TIMESTAMP, SimpleType.DYN)
            .addVar(HEADERS, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();

    // The standard runtime interprets the checked AST directly against our lazy views; CEL's newer "planner"
    // runtime converts every map it touches as a whole, which costs microseconds on a 12-field record.
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    /** Compiles and type-checks {@code rule}. @throws InvalidRuleException naming the rule */
    CompiledRule compile(RuleDefinition rule) {
        CelAbstractSyntaxTree ast;
        try {
            ast = compiler.compile(rule.expression()).getAst();
        } catch (CelValidationException e) {
            throw new InvalidRuleException(rule.id(), "expression does not compile: " + e.getMessage());
        }
        CelType expected = rule.kind() == RuleKind.DERIVE ? rule.type().celType() : SimpleType.BOOL;
        CelType actual = ast.getResultType();
        if (!accepts(expected, actual)) {
            throw new InvalidRuleException(rule.id(), "expression is of type " + actual.name() + " but a "
                    + rule.kind().name().toLowerCase(java.util.Locale.ROOT) + " rule"
                    + (rule.kind() == RuleKind.DERIVE ? " of type " + rule.type().configValue() : "")
                    + " needs " + expected.name());
        }
        try {
            return new CompiledRule(rule, runtime.createProgram(ast));
        } catch (CelEvaluationException e) {
            throw new InvalidRuleException(rule.id(), "expression cannot be planned: " + e.getMessage());
        }
    }

    /**
     * Whether a rule expecting {@code expected} can take an expression of type {@code actual}. Fields read from
     * records are dynamic, so a dyn expression is accepted here and its value checked per record; null is
     * accepted where a field is set, since derived fields are optional.
     */
    private static boolean accepts(CelType expected, CelType actual) {
        if (actual.equals(expected) || actual.equals(SimpleType.DYN)) {
            return true;
        }
        if (expected.equals(SimpleType.DOUBLE) && actual.equals(SimpleType.INT)) {
            return true;
        }
        return actual.equals(SimpleType.NULL_TYPE) && !expected.equals(SimpleType.BOOL);
    }
}

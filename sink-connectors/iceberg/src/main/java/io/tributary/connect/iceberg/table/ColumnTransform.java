package io.tributary.connect.iceberg.table;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.UnboundTerm;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * One transform of one column, such as {@code bucket(16, id)}: the expression shared by partition and sort
 * terms. Parsing checks syntax only, so that a connector config can be validated before any table exists;
 * {@link #checkAgainst} checks the column against a schema once there is one.
 *
 * <p>Errors are {@link IllegalArgumentException}s carrying only the reason; the caller adds which config
 * term was wrong and the accepted syntax.
 */
record ColumnTransform(TransformKind kind, int argument, String column) {

    private static final String NAME = "[\\p{L}_][\\p{L}\\p{N}_]*";
    /** A column, possibly nested: {@code user.address.country}. */
    static final Pattern COLUMN = Pattern.compile(NAME + "(?:\\." + NAME + ")*");
    /** {@code f(...)} or {@code f[N](...)}; what is inside is checked piece by piece for precise messages. */
    private static final Pattern CALL =
            Pattern.compile("(\\w+)\\s*(?:\\[([^\\]]*)\\])?\\s*\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern DIGITS = Pattern.compile("[+-]?\\d+");
    private static final int COLUMNS_LISTED = 20;

    static ColumnTransform parse(String text) {
        String term = text.strip();
        if (COLUMN.matcher(term).matches()) {
            return new ColumnTransform(TransformKind.IDENTITY, 0, term);
        }
        Matcher call = CALL.matcher(term);
        if (!call.matches()) {
            throw new IllegalArgumentException("it is neither a column name nor a transform such as day(col)");
        }
        TransformKind kind = TransformKind.named(call.group(1)).orElseThrow(() -> new IllegalArgumentException(
                "unknown transform '" + call.group(1) + "'"));
        return fromArguments(kind, call.group(2), call.group(3));
    }

    private static ColumnTransform fromArguments(TransformKind kind, String bracketed, String inside) {
        int comma = inside.indexOf(',');
        if (bracketed != null && comma >= 0) {
            throw new IllegalArgumentException("give the " + kind.argumentName()
                    + " in brackets or as the first argument, not both");
        }
        String argument = bracketed != null ? bracketed.strip()
                : comma >= 0 ? inside.substring(0, comma).strip()
                : null;
        String column = (comma >= 0 ? inside.substring(comma + 1) : inside).strip();
        checkArgumentOrder(kind, argument, column);
        if (kind.takesArgument() == (argument == null)) {
            throw new IllegalArgumentException(kind.function()
                    + (kind.takesArgument() ? " needs a " + kind.argumentName() : " takes only a column")
                    + ": " + kind.usage());
        }
        if (!COLUMN.matcher(column).matches()) {
            throw new IllegalArgumentException("'" + column + "' is not a column name (letters, digits and "
                    + "underscores, not starting with a digit; dots separate nested fields)");
        }
        return new ColumnTransform(kind, argument == null ? 0 : positive(kind, argument), column);
    }

    /** Apache Iceberg's own sink writes {@code bucket(col, N)}; say what to write rather than "not a column". */
    private static void checkArgumentOrder(TransformKind kind, String argument, String column) {
        if (argument != null && DIGITS.matcher(column).matches() && COLUMN.matcher(argument).matches()) {
            throw new IllegalArgumentException("the " + kind.argumentName() + " comes first: " + kind.function()
                    + "(" + column + ", " + argument + ")");
        }
    }

    private static int positive(TransformKind kind, String argument) {
        try {
            int value = Integer.parseInt(argument);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same message as zero or a negative number
        }
        throw new IllegalArgumentException("the " + kind.argumentName() + " must be a positive integer, not '"
                + argument + "'");
    }

    /** Checks that the column exists in the schema, outside lists and maps, and takes the transform. */
    void checkAgainst(Schema schema) {
        Types.NestedField field = schema.findField(column);
        if (field == null) {
            throw new IllegalArgumentException("the table schema has no column '" + column + "'" + hint(schema));
        }
        checkParents(schema, field);
        if (!kind.transform(argument).canTransform(field.type())) {
            throw new IllegalArgumentException("column '" + column + "' has type " + describe(field.type())
                    + ", but " + (kind == TransformKind.IDENTITY ? "a column used as is" : kind.function() + "()")
                    + " needs " + kind.acceptedColumns());
        }
    }

    /**
     * A value inside a list or map has no single value per row to partition or sort by. Iceberg rejects it in
     * a partition spec, with a message that does not name the column, but accepts it in a sort order.
     */
    private void checkParents(Schema schema, Types.NestedField field) {
        Map<Integer, Integer> parents = TypeUtil.indexParents(schema.asStruct());
        for (Integer parent = parents.get(field.fieldId()); parent != null; parent = parents.get(parent)) {
            Type type = schema.findType(parent);
            if (!type.isStructType()) {
                throw new IllegalArgumentException("column '" + column + "' is inside the " + describe(type)
                        + " '" + schema.findColumnName(parent)
                        + "'; only top-level columns and fields of structs can be used");
            }
        }
    }

    UnboundTerm<Object> term() {
        return kind.term(column, argument);
    }

    void addTo(PartitionSpec.Builder spec) {
        kind.addTo(spec, column, argument);
    }

    /** Whether the two cannot both partition one table: Iceberg rejects the pair, or it is redundant. */
    boolean conflictsWith(ColumnTransform other) {
        return column.equals(other.column)
                && (kind == other.kind || (kind.isTime() && other.kind.isTime()));
    }

    /** The canonical form: lower-case function, count first, a plain column for identity. */
    @Override
    public String toString() {
        if (kind == TransformKind.IDENTITY) {
            return column;
        }
        return kind.function() + "(" + (kind.takesArgument() ? argument + ", " : "") + column + ")";
    }

    private String hint(Schema schema) {
        Types.NestedField other = schema.caseInsensitiveFindField(column);
        if (other != null) {
            return " (column names are case-sensitive: did you mean '" + schema.findColumnName(other.fieldId())
                    + "'?)";
        }
        String columns = schema.columns().stream().limit(COLUMNS_LISTED).map(Types.NestedField::name)
                .collect(Collectors.joining(", "));
        return " (its top-level columns: " + columns
                + (schema.columns().size() > COLUMNS_LISTED ? ", ..." : "") + ")";
    }

    /** A struct's full type would list every field; its kind is enough to see the problem. */
    private static String describe(Type type) {
        return type.isPrimitiveType() ? type.toString() : type.typeId().name().toLowerCase(Locale.ROOT);
    }
}

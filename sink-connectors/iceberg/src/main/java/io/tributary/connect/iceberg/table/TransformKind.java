package io.tributary.connect.iceberg.table;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.expressions.UnboundTerm;
import org.apache.iceberg.transforms.Transform;
import org.apache.iceberg.transforms.Transforms;

/**
 * The Iceberg partition transforms a user may name in a partition or sort term. One place maps each name to
 * Iceberg's builder call, its expression and a readable list of the column types it accepts, so that the
 * partition and sort parsers cannot drift apart.
 */
enum TransformKind {
    IDENTITY("identity", false, "a column of a primitive type (not a struct, list or map)"),
    YEAR("year", false, "a date or timestamp column", "years"),
    MONTH("month", false, "a date or timestamp column", "months"),
    DAY("day", false, "a date or timestamp column", "days"),
    HOUR("hour", false, "a timestamp column", "hours"),
    BUCKET("bucket", true,
            "an int, long, decimal, date, time, timestamp, string, uuid, fixed or binary column"),
    TRUNCATE("truncate", true, "an int, long, decimal, string or binary column");

    private final String function;
    private final boolean takesArgument;
    private final String acceptedColumns;
    /** Spark SQL's plural names, which users of Spark and of Apache Iceberg's own sink will type. */
    private final Set<String> aliases;

    TransformKind(String function, boolean takesArgument, String acceptedColumns, String... aliases) {
        this.function = function;
        this.takesArgument = takesArgument;
        this.acceptedColumns = acceptedColumns;
        this.aliases = Set.of(aliases);
    }

    static Optional<TransformKind> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.function.equals(lower) || kind.aliases.contains(lower))
                .findFirst();
    }

    String function() {
        return function;
    }

    boolean takesArgument() {
        return takesArgument;
    }

    String acceptedColumns() {
        return acceptedColumns;
    }

    /** Iceberg allows one of year/month/day/hour per source column; the others conflict with themselves. */
    boolean isTime() {
        return this == YEAR || this == MONTH || this == DAY || this == HOUR;
    }

    /** What the argument means, for error messages. */
    String argumentName() {
        return this == BUCKET ? "number of buckets" : "truncation width";
    }

    /** How to write it, for error messages: {@code bucket(N, col) or bucket[N](col)}, {@code day(col)}. */
    String usage() {
        if (!takesArgument) {
            return function + "(col)";
        }
        String letter = this == BUCKET ? "N" : "W";
        return function + "(" + letter + ", col) or " + function + "[" + letter + "](col)";
    }

    Transform<?, ?> transform(int argument) {
        return switch (this) {
            case IDENTITY -> Transforms.identity();
            case YEAR -> Transforms.year();
            case MONTH -> Transforms.month();
            case DAY -> Transforms.day();
            case HOUR -> Transforms.hour();
            case BUCKET -> Transforms.bucket(argument);
            case TRUNCATE -> Transforms.truncate(argument);
        };
    }

    UnboundTerm<Object> term(String column, int argument) {
        return switch (this) {
            case IDENTITY -> Expressions.ref(column);
            case YEAR -> Expressions.year(column);
            case MONTH -> Expressions.month(column);
            case DAY -> Expressions.day(column);
            case HOUR -> Expressions.hour(column);
            case BUCKET -> Expressions.bucket(column, argument);
            case TRUNCATE -> Expressions.truncate(column, argument);
        };
    }

    void addTo(PartitionSpec.Builder spec, String column, int argument) {
        switch (this) {
            case IDENTITY -> spec.identity(column);
            case YEAR -> spec.year(column);
            case MONTH -> spec.month(column);
            case DAY -> spec.day(column);
            case HOUR -> spec.hour(column);
            case BUCKET -> spec.bucket(column, argument);
            case TRUNCATE -> spec.truncate(column, argument);
        }
    }
}

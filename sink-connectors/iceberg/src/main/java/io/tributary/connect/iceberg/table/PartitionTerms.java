package io.tributary.connect.iceberg.table;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A table's partitioning as the user configured it, e.g. {@code region, day(ts), bucket(16, id)}.
 *
 * <p>Parsing and binding are separate on purpose. {@link #parse} needs no table, so the connector's
 * {@code validate()} reports a typo before anything runs. {@link #bind} needs the table schema, which exists
 * only when a table is created. Either step fails loudly: a spec that does not parse or does not fit is a
 * configuration error, never a silent fall-back to an unpartitioned table.
 */
public final class PartitionTerms {

    /** The accepted syntax; part of every parse error and of the generated config docs. */
    public static final String SYNTAX = "col | identity(col) | year(col) | month(col) | day(col) | hour(col) "
            + "| bucket(N, col) | bucket[N](col) | truncate(W, col) | truncate[W](col); "
            + "N and W positive integers, col may be nested (a.b)";

    private static final PartitionTerms NONE = new PartitionTerms(List.of());

    private final List<ColumnTransform> terms;

    private PartitionTerms(List<ColumnTransform> terms) {
        this.terms = List.copyOf(terms);
    }

    /** No partitioning. */
    public static PartitionTerms none() {
        return NONE;
    }

    /**
     * Parses a LIST config value, one term per element. Elements that Kafka split inside brackets, such as
     * {@code "bucket(16"} and {@code "id)"}, are rejoined.
     *
     * @throws IllegalArgumentException naming the bad term and the accepted syntax, or naming two terms that
     *     Iceberg would not accept together (the same transform, or two time transforms, of one column)
     */
    public static PartitionTerms parse(List<String> terms) {
        List<ColumnTransform> parsed = new ArrayList<>();
        for (String text : split(terms)) {
            ColumnTransform term = parseTerm(text);
            for (ColumnTransform earlier : parsed) {
                if (earlier.conflictsWith(term)) {
                    throw new IllegalArgumentException(conflict(earlier, term));
                }
            }
            parsed.add(term);
        }
        return parsed.isEmpty() ? NONE : new PartitionTerms(parsed);
    }

    /** A validator for a LIST key holding partition terms; its {@code toString()} documents the syntax. */
    public static ConfigDef.Validator validator() {
        return new ListSyntaxValidator(PartitionTerms::parse, SYNTAX);
    }

    /**
     * Builds the partition spec for a table with this schema.
     *
     * @throws IllegalArgumentException naming the term, the column and its type when a column is missing or
     *     its type does not take the transform (e.g. {@code day()} of a string)
     */
    public PartitionSpec bind(Schema schema) {
        if (terms.isEmpty()) {
            return PartitionSpec.unpartitioned();
        }
        PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
        for (ColumnTransform term : terms) {
            try {
                term.checkAgainst(schema);
                term.addTo(spec);
            } catch (IllegalArgumentException | ValidationException e) {
                // Iceberg's own checks land here too, e.g. a partition name that clashes with a column.
                throw new IllegalArgumentException("Partition term '" + term + "' does not fit the table schema: "
                        + e.getMessage(), e);
            }
        }
        return build(spec);
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The columns the terms partition by, in order, each once. */
    public List<String> columns() {
        return terms.stream().map(ColumnTransform::column).distinct().toList();
    }

    private static List<String> split(List<String> terms) {
        try {
            return TermList.split(terms);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid partition terms: " + e.getMessage(), e);
        }
    }

    private static ColumnTransform parseTerm(String text) {
        try {
            return ColumnTransform.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid partition term '" + text + "': " + e.getMessage()
                    + ". Accepted: " + SYNTAX, e);
        }
    }

    private static String conflict(ColumnTransform earlier, ColumnTransform later) {
        if (earlier.equals(later)) {
            return "Duplicate partition term '" + later + "'";
        }
        String reason = later.kind().isTime()
                ? "Iceberg allows only one of year, month, day and hour per column"
                : "both apply " + later.kind().function() + " to column '" + later.column() + "'";
        return "Partition terms '" + earlier + "' and '" + later + "' conflict: " + reason;
    }

    private PartitionSpec build(PartitionSpec.Builder spec) {
        try {
            return spec.build();
        } catch (IllegalArgumentException | ValidationException e) {
            throw new IllegalArgumentException("Partition terms '" + this + "' do not fit the table schema: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionTerms that && terms.equals(that.terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    /** The canonical form, comma-separated; it parses back to an equal value. */
    @Override
    public String toString() {
        return terms.stream().map(ColumnTransform::toString).collect(Collectors.joining(", "));
    }
}

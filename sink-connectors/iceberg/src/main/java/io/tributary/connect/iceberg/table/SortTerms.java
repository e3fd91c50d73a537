package io.tributary.connect.iceberg.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A table's sort order as the user configured it, e.g. {@code day(ts) desc, id}. Writers sort each data
 * file by it, which makes files prunable by those columns.
 *
 * <p>Like {@link PartitionTerms}: {@link #parse} checks syntax at config-validation time, {@link #bind}
 * checks columns and types when the table is created, and both fail loudly.
 */
public final class SortTerms {

    /** The accepted syntax; part of every parse error and of the generated config docs. */
    public static final String SYNTAX = "expr [asc|desc] [nulls first|nulls last], where expr is "
            + PartitionTerms.SYNTAX + ". Default: asc nulls first, desc nulls last";

    private static final Pattern TERM = Pattern.compile(
            "(?<expression>.+?)(?:\\s+(?<direction>asc|desc))?(?:\\s+nulls\\s+(?<nulls>first|last))?",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final SortTerms NONE = new SortTerms(List.of());

    private final List<SortTerm> terms;

    private SortTerms(List<SortTerm> terms) {
        this.terms = List.copyOf(terms);
    }

    /** No sort order. */
    public static SortTerms none() {
        return NONE;
    }

    /**
     * Parses a LIST config value, one term per element; elements Kafka split inside brackets are rejoined.
     *
     * @throws IllegalArgumentException naming the bad term and the accepted syntax, or an expression sorted by
     *     twice
     */
    public static SortTerms parse(List<String> terms) {
        List<SortTerm> parsed = new ArrayList<>();
        for (String text : split(terms)) {
            SortTerm term = parseTerm(text);
            for (SortTerm earlier : parsed) {
                if (earlier.expression().equals(term.expression())) {
                    throw new IllegalArgumentException("Sort terms '" + earlier + "' and '" + term
                            + "' sort by the same expression");
                }
            }
            parsed.add(term);
        }
        return parsed.isEmpty() ? NONE : new SortTerms(parsed);
    }

    /** A validator for a LIST key holding sort terms; its {@code toString()} documents the syntax. */
    public static ConfigDef.Validator validator() {
        return new ListSyntaxValidator(SortTerms::parse, SYNTAX);
    }

    /**
     * Builds the sort order for a table with this schema.
     *
     * @throws IllegalArgumentException naming the term, the column and its type when a column is missing or
     *     its type does not take the transform
     */
    public SortOrder bind(Schema schema) {
        if (terms.isEmpty()) {
            return SortOrder.unsorted();
        }
        SortOrder.Builder order = SortOrder.builderFor(schema);
        for (SortTerm term : terms) {
            try {
                term.expression().checkAgainst(schema);
                order.sortBy(term.expression().term(), term.direction(), term.nullOrder());
            } catch (IllegalArgumentException | ValidationException e) {
                throw new IllegalArgumentException("Sort term '" + term + "' does not fit the table schema: "
                        + e.getMessage(), e);
            }
        }
        try {
            return order.build();
        } catch (IllegalArgumentException | ValidationException e) {
            throw new IllegalArgumentException("Sort terms '" + this + "' do not fit the table schema: "
                    + e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    private static List<String> split(List<String> terms) {
        try {
            return TermList.split(terms);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid sort terms: " + e.getMessage(), e);
        }
    }

    private static SortTerm parseTerm(String text) {
        try {
            Matcher matcher = TERM.matcher(text);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("empty term");  // unreachable: split() drops blank terms
            }
            SortDirection direction = "desc".equalsIgnoreCase(matcher.group("direction"))
                    ? SortDirection.DESC : SortDirection.ASC;
            return new SortTerm(ColumnTransform.parse(matcher.group("expression")), direction,
                    nullOrder(direction, matcher.group("nulls")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid sort term '" + text + "': " + e.getMessage()
                    + ". Accepted: " + SYNTAX, e);
        }
    }

    /** Iceberg's defaults: nulls sort as the smallest value, so first ascending and last descending. */
    private static NullOrder nullOrder(SortDirection direction, String nulls) {
        if (nulls == null) {
            return direction == SortDirection.ASC ? NullOrder.NULLS_FIRST : NullOrder.NULLS_LAST;
        }
        return "first".equalsIgnoreCase(nulls) ? NullOrder.NULLS_FIRST : NullOrder.NULLS_LAST;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SortTerms that && terms.equals(that.terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    /** The canonical form, comma-separated, direction and null order always spelled out. */
    @Override
    public String toString() {
        return terms.stream().map(SortTerm::toString).collect(Collectors.joining(", "));
    }

    private record SortTerm(ColumnTransform expression, SortDirection direction, NullOrder nullOrder) {
        @Override
        public String toString() {
            String nulls = nullOrder == NullOrder.NULLS_FIRST ? "nulls first" : "nulls last";
            return expression + " " + direction.name().toLowerCase(Locale.ROOT) + " " + nulls;
        }
    }
}

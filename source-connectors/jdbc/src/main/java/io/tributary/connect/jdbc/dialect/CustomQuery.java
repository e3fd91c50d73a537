package io.tributary.connect.jdbc.dialect;

/**
 * A user's own SELECT, read as a table: the connector wraps it as a subquery,
 * <pre>
 * SELECT * FROM (
 * &lt;user query&gt;
 * ) AS "tributary_q" WHERE &lt;bounds&gt; ORDER BY &lt;columns&gt;
 * </pre>
 * so that the query may carry its own WHERE and ORDER BY, and the connector's conditions apply to its
 * result. The user query stands on lines of its own, so that a trailing {@code --} comment cannot swallow
 * the closing parenthesis.
 */
public final class CustomQuery {

    /** The alias of the wrapped query; the connector's conditions may qualify columns with it. */
    public static final String ALIAS = "tributary_q";

    private final String sql;

    private CustomQuery(String sql) {
        this.sql = sql;
    }

    /**
     * The query, with one trailing {@code ;} (and anything blank or commented after it) removed.
     *
     * @throws IllegalArgumentException when the text is empty or holds more than one statement
     */
    public static CustomQuery of(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("The custom query is empty");
        }
        StatementScan scan = StatementScan.of(sql);
        if (!scan.hasStatement()) {
            throw new IllegalArgumentException("The custom query is empty");
        }
        if (scan.hasMoreStatements()) {
            throw new IllegalArgumentException("The custom query holds more than one statement: a ';' is followed "
                    + "by more SQL. Give a single SELECT (a trailing ';' is allowed).");
        }
        return new CustomQuery(scan.firstStatement().strip());
    }

    /** The user's query, without a trailing {@code ;}. */
    public String sql() {
        return sql;
    }

    /**
     * The query wrapped as a subquery, filtered and ordered by SQL the connector built.
     *
     * @param where a condition over the query's columns, or null for none
     * @param orderBy a column list, or null for none
     */
    public String wrap(Dialect dialect, String where, String orderBy) {
        StringBuilder wrapped = new StringBuilder(sql.length() + 64).append("SELECT * FROM (\n").append(sql)
                .append("\n) AS ").append(dialect.quoteIdentifier(ALIAS));
        if (where != null && !where.isBlank()) {
            wrapped.append(" WHERE ").append(where);
        }
        if (orderBy != null && !orderBy.isBlank()) {
            wrapped.append(" ORDER BY ").append(orderBy);
        }
        return wrapped.toString();
    }

    @Override
    public String toString() {
        return sql;
    }
}

package io.tributary.connect.jdbc.catalog;

import io.tributary.connect.jdbc.dialect.Dialect;
import java.util.regex.Pattern;

/**
 * Which discovered tables to read: those whose name fully matches {@code include} and does not match
 * {@code exclude}. The name matched is {@code schema.table} on databases with schemas and {@code table} on
 * those without (SQLite).
 *
 * @param include null to include every table
 * @param exclude null to exclude none
 */
public record TableFilter(Pattern include, Pattern exclude) {

    /** Every table (system tables aside, which discovery never returns). */
    public static final TableFilter ALL = new TableFilter(null, null);

    /**
     * From regular expressions, either of which may be null or blank.
     *
     * @throws java.util.regex.PatternSyntaxException for an invalid expression
     */
    public static TableFilter of(String includeRegex, String excludeRegex) {
        return new TableFilter(compile(includeRegex), compile(excludeRegex));
    }

    public boolean matches(TableId table, Dialect dialect) {
        String name = dialect.hasSchemas() ? table.qualifiedName() : table.table();
        return (include == null || include.matcher(name).matches())
                && (exclude == null || !exclude.matcher(name).matches());
    }

    private static Pattern compile(String regex) {
        return regex == null || regex.isBlank() ? null : Pattern.compile(regex);
    }

    @Override
    public String toString() {
        return "include " + (include == null ? "all" : "'" + include + "'")
                + ", exclude " + (exclude == null ? "none" : "'" + exclude + "'");
    }
}

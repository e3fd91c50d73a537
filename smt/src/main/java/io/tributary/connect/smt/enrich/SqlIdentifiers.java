package io.tributary.connect.smt.enrich;

import java.util.List;

/**
 * Quotes table and column names the way PostgreSQL and SQLite (and standard SQL) do: in double quotes, with a
 * double quote inside the name doubled. Every name Enrich puts into SQL goes through here, so a configured name
 * is always one identifier — {@code users; DROP TABLE users} names a table of that exact spelling, it never
 * runs. Quoted names are case-sensitive: they are used exactly as written.
 */
final class SqlIdentifiers {

    private SqlIdentifiers() {
    }

    /** {@code name} as one quoted identifier. */
    static String quote(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An SQL identifier must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An SQL identifier must not contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * A table written {@code table} or {@code schema.table}, quoted part by part. The first dot separates the
     * schema; a table whose own name holds a dot needs a schema in front ({@code public.my.table}).
     */
    static String quoteTable(String qualified) {
        List<String> parts = splitTable(qualified);
        return parts.size() == 1 ? quote(parts.get(0)) : quote(parts.get(0)) + '.' + quote(parts.get(1));
    }

    static List<String> splitTable(String qualified) {
        if (qualified == null || qualified.isBlank()) {
            throw new IllegalArgumentException("A table name must not be empty");
        }
        int dot = qualified.indexOf('.');
        if (dot < 0) {
            return List.of(qualified);
        }
        if (dot == 0 || dot == qualified.length() - 1) {
            throw new IllegalArgumentException("'" + qualified + "' is not 'table' or 'schema.table'");
        }
        return List.of(qualified.substring(0, dot), qualified.substring(dot + 1));
    }
}

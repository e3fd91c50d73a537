package io.tributary.connect.jdbc.catalog;

import io.tributary.connect.jdbc.dialect.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table's name: an optional schema and the table, exactly as the database's catalog spells them (names
 * are case-sensitive here; PostgreSQL stores unquoted names in lower case, so {@code orders}, not
 * {@code ORDERS}).
 *
 * @param schema null for databases without schemas (SQLite), or when the connection's default applies
 * @param table never null or empty
 */
public record TableId(String schema, String table) {

    public TableId {
        if (table == null || table.isEmpty()) {
            throw new IllegalArgumentException("A table name cannot be empty");
        }
        if (schema != null && schema.isEmpty()) {
            throw new IllegalArgumentException("A schema name cannot be empty; use null for none");
        }
    }

    public static TableId of(String schema, String table) {
        return new TableId(schema, table);
    }

    /**
     * Parses {@code table} or {@code schema.table}. A part may be written in double quotes to hold a dot or
     * a quote ({@code "my.schema"."odd""name"}); unquoted parts are taken literally, without case folding.
     *
     * @throws IllegalArgumentException for an empty name, more than two parts or an unclosed quote
     */
    public static TableId parse(String name) {
        Objects.requireNonNull(name, "name");
        List<String> parts = splitParts(name.strip(), name);
        return switch (parts.size()) {
            case 1 -> new TableId(null, parts.get(0));
            case 2 -> new TableId(parts.get(0), parts.get(1));
            default -> throw new IllegalArgumentException("'" + name + "' is not a table name: write 'table' or "
                    + "'schema.table', with double quotes around a part that holds a dot");
        };
    }

    /** The name in SQL, each part quoted by the dialect: {@code "public"."orders"}. */
    public String quoted(Dialect dialect) {
        return schema == null ? dialect.quoteIdentifier(table)
                : dialect.quoteIdentifier(schema) + '.' + dialect.quoteIdentifier(table);
    }

    /**
     * {@code schema.table} (or {@code table}) unquoted: the form include and exclude patterns are matched
     * against, and the form logs and errors show.
     */
    public String qualifiedName() {
        return schema == null ? table : schema + '.' + table;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }

    private static List<String> splitParts(String text, String original) {
        List<String> parts = new ArrayList<>(2);
        int i = 0;
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i = readQuoted(text, i, part, original);
            } else {
                int dot = text.indexOf('.', i);
                int end = dot < 0 ? text.length() : dot;
                part.append(text, i, end);
                i = end;
            }
            String value = part.toString().strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("'" + original + "' is not a table name: it has an empty part");
            }
            parts.add(value);
            if (i >= text.length()) {
                return parts;
            }
            if (text.charAt(i) != '.') {
                throw new IllegalArgumentException("'" + original + "' is not a table name: expected '.' after a "
                        + "quoted part");
            }
            i++;
        }
    }

    /** Reads {@code "..."} (with {@code ""} for a quote) into {@code part}; returns the index after it. */
    private static int readQuoted(String text, int open, StringBuilder part, String original) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    part.append('"');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            part.append(c);
            i++;
        }
        throw new IllegalArgumentException("'" + original + "' is not a table name: a quote is not closed");
    }
}

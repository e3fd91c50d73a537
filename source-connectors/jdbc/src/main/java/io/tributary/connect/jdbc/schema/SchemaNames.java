package io.tributary.connect.jdbc.schema;

import io.tributary.connect.jdbc.catalog.TableId;

/**
 * Names of the Connect schemas of a table's records: {@code tributary.jdbc.<schema>.<table>.Value} and
 * {@code ...Key}, or {@code tributary.jdbc.<table>.Value} without a schema (SQLite, custom queries).
 *
 * <p>Each part is made a valid Avro name, since Avro converters turn schema names into record names: a
 * character other than a letter, digit or {@code _} becomes {@code _}, and a part starting with a digit gets
 * a leading {@code _}. So {@code public."order-lines"} gives {@code tributary.jdbc.public.order_lines.Value}.
 * Two tables whose names differ only in such characters share a schema name, which is harmless: they are
 * written to different topics. Field names are the column names, unchanged.
 */
public final class SchemaNames {

    public static final String PREFIX = "tributary.jdbc";

    private SchemaNames() {
    }

    public static String valueSchemaName(TableId table) {
        return base(table) + ".Value";
    }

    public static String keySchemaName(TableId table) {
        return base(table) + ".Key";
    }

    private static String base(TableId table) {
        return table.schema() == null ? PREFIX + '.' + part(table.table())
                : PREFIX + '.' + part(table.schema()) + '.' + part(table.table());
    }

    static String part(String name) {
        StringBuilder part = new StringBuilder(name.length() + 1);
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            part.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            part.append(valid ? c : '_');
        }
        return part.toString();
    }
}

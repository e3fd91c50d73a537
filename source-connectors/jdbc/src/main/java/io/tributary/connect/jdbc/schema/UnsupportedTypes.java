package io.tributary.connect.jdbc.schema;

import java.util.Locale;

/** What to do with a column whose type has no Connect mapping. */
public enum UnsupportedTypes {
    /** Refuse the table, naming the column and its type. */
    FAIL,
    /** Leave the column out of the records (never a primary-key column), with a warning in the log. */
    SKIP;

    /** From a config value such as {@code skip}, ignoring case. */
    public static UnsupportedTypes parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}

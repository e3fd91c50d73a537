package io.tributary.connect.jdbc.schema;

import java.util.Locale;

/** How NUMERIC and DECIMAL columns become Connect types. */
public enum NumericMapping {
    /** Always a Connect {@code Decimal} of the column's scale: exact, whatever the precision. */
    EXACT,
    /**
     * The smallest Connect integer that holds every value the column's precision allows (scale 0, up to
     * 18 digits), or FLOAT64 for a fractional column of at most 15 digits (which a double holds exactly);
     * wider columns stay {@code Decimal}. Never loses a digit.
     */
    BEST_FIT;

    /** From a config value such as {@code best_fit}, ignoring case. */
    public static NumericMapping parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}

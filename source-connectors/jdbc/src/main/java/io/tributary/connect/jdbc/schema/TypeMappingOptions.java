package io.tributary.connect.jdbc.schema;

import java.util.Objects;

/**
 * The choices users have over the type mapping.
 *
 * @param numericMapping exact decimals or best-fit primitives for NUMERIC/DECIMAL columns with a precision
 * @param unconstrainedNumericScale for NUMERIC columns without a declared precision (PostgreSQL's
 *     {@code numeric}, SQLite's {@code NUMERIC}): null maps them to STRING, the number's exact text;
 *     a scale maps them to a Connect {@code Decimal} of that scale, and a value with more fractional digits
 *     is an error rather than rounded
 * @param unsupportedTypes fail on, or skip, columns whose type has no mapping
 */
public record TypeMappingOptions(NumericMapping numericMapping, Integer unconstrainedNumericScale,
        UnsupportedTypes unsupportedTypes) {

    /** Exact decimals, unconstrained NUMERIC as text, unsupported types fail. */
    public static final TypeMappingOptions DEFAULTS =
            new TypeMappingOptions(NumericMapping.EXACT, null, UnsupportedTypes.FAIL);

    public TypeMappingOptions {
        Objects.requireNonNull(numericMapping, "numericMapping");
        Objects.requireNonNull(unsupportedTypes, "unsupportedTypes");
        if (unconstrainedNumericScale != null && unconstrainedNumericScale < 0) {
            throw new IllegalArgumentException("The scale for unconstrained NUMERIC columns cannot be negative");
        }
    }

    public TypeMappingOptions withNumericMapping(NumericMapping mapping) {
        return new TypeMappingOptions(mapping, unconstrainedNumericScale, unsupportedTypes);
    }

    public TypeMappingOptions withUnconstrainedNumericScale(Integer scale) {
        return new TypeMappingOptions(numericMapping, scale, unsupportedTypes);
    }

    public TypeMappingOptions withUnsupportedTypes(UnsupportedTypes handling) {
        return new TypeMappingOptions(numericMapping, unconstrainedNumericScale, handling);
    }
}

package io.tributary.connect.smt.mask;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

/**
 * How one field is masked. A rule sees the field's schema once, when a record schema is first seen, and the
 * field's value on every record; {@code schema} is {@code null} for schemaless values.
 */
public interface MaskRule {

    /**
     * The schema of the masked field. Rules change a schema only where they must (a hashed INT64 becomes a
     * STRING); {@link IllegalArgumentException} when the rule cannot mask a field of this schema.
     */
    Schema maskedSchema(Schema schema);

    /**
     * The masked value; {@code value} may be null, {@code schema} is the field's input schema or {@code null}
     * for schemaless values. {@link IllegalArgumentException} on a value the rule cannot mask.
     */
    Object mask(Object value, Schema schema);

    /** Whether values of this schema have a {@code CanonicalText}: primitives but bytes, and decimals. */
    static boolean hasTextForm(Schema schema) {
        return schema.type().isPrimitive()
                && (schema.type() != Schema.Type.BYTES || Decimal.LOGICAL_NAME.equals(schema.name()));
    }
}

package io.tributary.connect.smt.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import java.util.Locale;
import org.apache.kafka.connect.data.Schema;

/**
 * The declared type of a derived field. It is declared rather than inferred so that a Struct value's new
 * schema can be built once, before any record is seen, and so that a rule whose expression has another type
 * is rejected when the rule set is loaded.
 */
public enum FieldType {
    STRING(SimpleType.STRING, Schema.OPTIONAL_STRING_SCHEMA),
    LONG(SimpleType.INT, Schema.OPTIONAL_INT64_SCHEMA),
    DOUBLE(SimpleType.DOUBLE, Schema.OPTIONAL_FLOAT64_SCHEMA),
    BOOLEAN(SimpleType.BOOL, Schema.OPTIONAL_BOOLEAN_SCHEMA);

    private final CelType celType;
    private final Schema schema;

    FieldType(CelType celType, Schema schema) {
        this.celType = celType;
        this.schema = schema;
    }

    /** The rule-file spelling: string, long, double or boolean. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    CelType celType() {
        return celType;
    }

    /** An optional schema: an expression may evaluate to null. */
    public Schema schema() {
        return schema;
    }

    /**
     * The expression's result as a Java value of this type, or null; an int is widened to a double, nothing
     * else is converted, since a silent conversion would hide a wrong rule.
     *
     * @throws IllegalArgumentException when the result has another type
     */
    Object coerce(Object result) {
        if (result == null || CelValues.isNull(result)) {
            return null;
        }
        boolean matches = switch (this) {
            case STRING -> result instanceof String;
            case LONG -> result instanceof Long;
            case DOUBLE -> result instanceof Double || result instanceof Long;
            case BOOLEAN -> result instanceof Boolean;
        };
        if (!matches) {
            throw new IllegalArgumentException("the expression gave a " + CelValues.typeName(result)
                    + " where the rule declares " + configValue());
        }
        return this == DOUBLE && result instanceof Long l ? Double.valueOf(l.doubleValue()) : result;
    }

    static FieldType parse(String text) {
        for (FieldType type : values()) {
            if (type.configValue().equals(text)) {
                return type;
            }
        }
        return null;
    }
}

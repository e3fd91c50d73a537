package io.tributary.connect.smt.mask;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.transforms.util.SchemaUtil;

/**
 * Removes a value. The rule, by schema:
 * <ul>
 *   <li>optional fields and schemaless values become null;</li>
 *   <li>required STRING fields get the configured replacement (empty by default), so the schema stays
 *       as it is;</li>
 *   <li>required fields of any other type become optional in the derived schema and null: a made-up zero or
 *       epoch would be a plausible value a reader could mistake for data.</li>
 * </ul>
 */
final class Redaction implements MaskRule {

    private final String replacement;

    Redaction(String replacement) {
        this.replacement = replacement;
    }

    @Override
    public Schema maskedSchema(Schema schema) {
        if (schema.isOptional() || schema.type() == Schema.Type.STRING) {
            return schema;
        }
        return optionalCopy(schema);
    }

    /** The schema made optional, keeping name, version, doc and parameters (logical types), not the default. */
    private static Schema optionalCopy(Schema schema) {
        SchemaBuilder builder = switch (schema.type()) {
            case STRUCT -> {
                SchemaBuilder struct = SchemaBuilder.struct();
                schema.fields().forEach(field -> struct.field(field.name(), field.schema()));
                yield struct;
            }
            case ARRAY -> SchemaBuilder.array(schema.valueSchema());
            case MAP -> SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
            default -> SchemaBuilder.type(schema.type());
        };
        return SchemaUtil.copySchemaBasics(schema, builder).optional().build();
    }

    @Override
    public Object mask(Object value, Schema schema) {
        if (schema != null && !schema.isOptional() && schema.type() == Schema.Type.STRING) {
            return replacement;
        }
        return null;
    }
}

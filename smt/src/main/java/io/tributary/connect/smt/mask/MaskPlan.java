package io.tributary.connect.smt.mask;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.transforms.util.SchemaUtil;

/**
 * The masked fields as a tree of paths, applied to a Struct (with its derived schema) or to a schemaless Map.
 * Only the containers on a masked path are copied; every other value, nested Structs included, is shared
 * with the input record, which Connect allows because records are not mutated after a transform.
 *
 * <p>Errors are {@link IllegalArgumentException}s whose message names the field path; the transform adds the
 * record.
 */
public final class MaskPlan {

    /** A field on a masked path: either masked by {@code rule}, or holding masked fields in {@code children}. */
    private static final class Node {
        final String path;
        final MaskRule rule;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String path, MaskRule rule) {
            this.path = path;
            this.rule = rule;
        }
    }

    private final Node root = new Node("", null);

    /** A plan for already validated fields (see {@link MaskedField#parseAll}), with one rule for each. */
    public MaskPlan(List<MaskedField> fields, Map<MaskedField, MaskRule> rules) {
        for (MaskedField field : fields) {
            List<String> segments = field.path().segments();
            Node parent = root;
            for (int i = 0; i < segments.size() - 1; i++) {
                String path = String.join(".", segments.subList(0, i + 1));
                parent = parent.children.computeIfAbsent(segments.get(i), name -> new Node(path, null));
            }
            parent.children.put(segments.get(segments.size() - 1),
                    new Node(field.path().toString(), rules.get(field)));
        }
    }

    /** The schema of masked values of a struct schema. Fields the schema lacks are left alone. */
    public Schema maskedSchema(Schema schema) {
        return maskedStructSchema(schema, root);
    }

    /** Masks a Struct whose masked schema is {@code maskedSchema}, from {@link #maskedSchema(Schema)}. */
    public Struct mask(Struct value, Schema maskedSchema) {
        return maskStruct(value, maskedSchema, root);
    }

    /** Masks a schemaless value. Fields the map lacks are left alone. */
    public Map<Object, Object> mask(Map<?, ?> value) {
        return maskMap(value, root);
    }

    private Schema maskedStructSchema(Schema schema, Node node) {
        if (schema.type() != Schema.Type.STRUCT) {
            throw new IllegalArgumentException("field '" + node.path + "' is a " + schema.type()
                    + ", not a struct, so it has no fields to mask");
        }
        // copySchemaBasics keeps name, version, doc and parameters, but not optionality.
        SchemaBuilder builder = SchemaUtil.copySchemaBasics(schema, SchemaBuilder.struct());
        if (schema.isOptional()) {
            builder.optional();
        }
        for (Field field : schema.fields()) {
            Node child = node.children.get(field.name());
            builder.field(field.name(), child == null ? field.schema() : maskedFieldSchema(field.schema(), child));
        }
        // A masked type change means the old default no longer fits; struct defaults are rare enough to drop.
        return builder.build();
    }

    private Schema maskedFieldSchema(Schema schema, Node node) {
        if (node.rule == null) {
            return maskedStructSchema(schema, node);
        }
        try {
            return node.rule.maskedSchema(schema);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + node.path + "': " + e.getMessage());
        }
    }

    private Struct maskStruct(Struct value, Schema maskedSchema, Node node) {
        Struct masked = new Struct(maskedSchema);
        List<Field> inputFields = value.schema().fields();
        for (Field field : maskedSchema.fields()) {
            Field inputField = inputFields.get(field.index());  // a masked schema keeps every field in place
            Object fieldValue = value.get(inputField);
            Node child = node.children.get(field.name());
            if (child != null) {
                fieldValue = child.rule != null
                        ? applyRule(child, fieldValue, inputField.schema())
                        : (fieldValue == null ? null : maskStruct((Struct) fieldValue, field.schema(), child));
            }
            masked.put(field, fieldValue);
        }
        return masked;
    }

    private Map<Object, Object> maskMap(Map<?, ?> value, Node node) {
        // A HashMap, as Connect's JsonConverter makes and Kafka's own transforms copy into: cheaper to fill than a
        // LinkedHashMap, and a schemaless value's field order carries no meaning.
        Map<Object, Object> masked = new HashMap<>(value);
        for (Map.Entry<String, Node> entry : node.children.entrySet()) {
            String name = entry.getKey();
            Node child = entry.getValue();
            Object fieldValue = value.get(name);
            if (fieldValue == null && !value.containsKey(name)) {
                continue;
            }
            if (child.rule != null) {
                masked.put(name, applyRule(child, fieldValue, null));
            } else if (fieldValue instanceof Map<?, ?> nested) {
                masked.put(name, maskMap(nested, child));
            } else if (fieldValue != null) {
                throw new IllegalArgumentException("field '" + child.path + "' is a "
                        + fieldValue.getClass().getSimpleName() + ", not a map, so it has no fields to mask");
            }
        }
        return masked;
    }

    private static Object applyRule(Node node, Object value, Schema schema) {
        try {
            return node.rule.mask(value, schema);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + node.path + "': " + e.getMessage());
        }
    }
}

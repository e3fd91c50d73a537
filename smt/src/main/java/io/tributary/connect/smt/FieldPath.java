package io.tributary.connect.smt;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * A dotted path to a field, {@code user.id}, resolved the same way in a {@link Struct} and in a schemaless
 * {@link Map}, so a rule reads the same field whether a record came with a schema or as plain JSON.
 */
public final class FieldPath {

    private final String path;
    private final List<String> segments;

    private FieldPath(String path, List<String> segments) {
        this.path = path;
        this.segments = segments;
    }

    /** Parses {@code a.b.c}; empty segments ({@code a..b}, {@code .a}) are rejected. */
    public static FieldPath parse(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("A field path must not be empty");
        }
        List<String> segments = Arrays.asList(path.split("\\.", -1));
        if (segments.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("Field path '" + path + "' has an empty segment");
        }
        return new FieldPath(path, List.copyOf(segments));
    }

    /** The value at this path, or {@code null} when the path or any parent on it is absent or null. */
    public Object get(Object root) {
        return getOr(root, null);
    }

    /**
     * The value at this path, or {@code whenAbsent} when the path does not exist: a Struct without such a field,
     * a Map without such a key, or a parent that is neither. A present field holding null, or a null parent,
     * gives {@code null}, so callers that must tell "absent" from "null" can.
     */
    public Object getOr(Object root, Object whenAbsent) {
        Object current = root;
        for (String segment : segments) {
            if (current instanceof Struct struct) {
                Field field = struct.schema().field(segment);
                if (field == null) {
                    return whenAbsent;
                }
                current = struct.get(field);
            } else if (current instanceof Map<?, ?> map) {
                if (!map.containsKey(segment)) {
                    return whenAbsent;
                }
                current = map.get(segment);
            } else if (current == null) {
                return null;
            } else {
                return whenAbsent;
            }
        }
        return current;
    }

    /** The names along the path, outermost first. */
    public List<String> segments() {
        return segments;
    }

    @Override
    public String toString() {
        return path;
    }
}

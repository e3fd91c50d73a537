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
        Object current = root;
        for (String segment : segments) {
            if (current instanceof Struct struct) {
                Field field = struct.schema().field(segment);
                current = field == null ? null : struct.get(field);
            } else if (current instanceof Map<?, ?> map) {
                current = map.get(segment);
            } else {
                return null;
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return path;
    }
}

package io.tributary.connect.smt.rules;

import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Presents record data to CEL. CEL knows int (Java long), double, string, bool, bytes, null, list and map, so
 * narrower numbers are widened, decimals become doubles, times their epoch milliseconds, and a Struct looks
 * exactly like the schemaless Map of the same data: the same expression gives the same answer for both.
 *
 * <p>Structs, maps and lists are wrapped in views that convert an element only when an expression reads it,
 * so a rule that reads one field of a 12-field record converts one field, not twelve.
 */
final class CelValues {

    private CelValues() {
    }

    /** {@code value} as CEL sees it. */
    static Object of(Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Date date) {
            return date.getTime();
        }
        if (value instanceof byte[] bytes) {
            return CelByteString.of(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return CelByteString.of(bytes);
        }
        if (value instanceof Struct struct) {
            return new StructView(struct);
        }
        if (value instanceof Map<?, ?> map) {
            return new MapView(map);
        }
        if (value instanceof List<?> list) {
            return new ListView(list);
        }
        // Anything else (a Java object a caller of the batch API put in a row) is shown as its text: CEL can
        // compare it, but never call a method on it.
        return value.toString();
    }

    static boolean isNull(Object celValue) {
        return celValue == null || celValue instanceof NullValue || celValue instanceof com.google.protobuf.NullValue;
    }

    /** A CEL value back as a plain Java value: null for CEL's null, everything else as it is. */
    static Object toJava(Object celValue) {
        return isNull(celValue) ? null : celValue;
    }

    static String typeName(Object celValue) {
        if (isNull(celValue)) {
            return "null";
        }
        if (celValue instanceof Long) {
            return "int";
        }
        if (celValue instanceof Map) {
            return "map";
        }
        if (celValue instanceof List) {
            return "list";
        }
        return celValue.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** A Struct as a read-only map from field name to CEL value. */
    static final class StructView extends AbstractMap<String, Object> {
        private final Struct struct;

        StructView(Struct struct) {
            this.struct = struct;
        }

        @Override
        public Object get(Object key) {
            Field field = key instanceof String name ? struct.schema().field(name) : null;
            return field == null ? null : of(struct.get(field));
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && struct.schema().field(name) != null;
        }

        @Override
        public int size() {
            return struct.schema().fields().size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Field> fields = struct.schema().fields().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return fields.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Field field = fields.next();
                            return new SimpleImmutableEntry<>(field.name(), of(struct.get(field)));
                        }
                    };
                }

                @Override
                public int size() {
                    return struct.schema().fields().size();
                }
            };
        }
    }

    /** A schemaless map as a read-only map whose values are CEL values. */
    static final class MapView extends AbstractMap<Object, Object> {
        private final Map<?, ?> map;

        MapView(Map<?, ?> map) {
            this.map = map;
        }

        @Override
        public Object get(Object key) {
            Object value = map.get(key);
            return value == null && !map.containsKey(key) ? null : of(value);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<Object, Object>> iterator() {
                    Iterator<? extends Entry<?, ?>> entries = map.entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return entries.hasNext();
                        }

                        @Override
                        public Entry<Object, Object> next() {
                            Entry<?, ?> entry = entries.next();
                            return new SimpleImmutableEntry<>(of(entry.getKey()), of(entry.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return map.size();
                }
            };
        }
    }

    /** A list as a read-only list of CEL values. */
    static final class ListView extends AbstractList<Object> {
        private final List<?> list;

        ListView(List<?> list) {
            this.list = list;
        }

        @Override
        public Object get(int index) {
            return of(list.get(index));
        }

        @Override
        public int size() {
            return list.size();
        }
    }
}

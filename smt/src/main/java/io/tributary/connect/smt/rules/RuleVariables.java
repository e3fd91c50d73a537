package io.tributary.connect.smt.rules;

import dev.cel.runtime.CelVariableResolver;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The variables one record shows its rules: {@code value}, {@code key}, {@code topic}, {@code timestamp} and
 * {@code headers}. CEL asks for a variable only when an expression names it, so a variable costs nothing until
 * a rule reads it; the headers map, the dearest, is built at most once per record.
 *
 * <p>Fields derived by earlier rules are laid over the value, so later rules see them.
 */
final class RuleVariables implements CelVariableResolver {

    private final Object value;
    private final Object key;
    private final String topic;
    private final Long timestamp;
    private final Supplier<Map<String, ?>> headers;
    private Map<String, Object> derived;
    private Optional<Object> valueVariable;
    private Optional<Object> headersVariable;

    /** @param value a Struct or a Map */
    RuleVariables(Object value, Object key, String topic, Long timestamp, Supplier<Map<String, ?>> headers) {
        this.value = value;
        this.key = key;
        this.topic = topic;
        this.timestamp = timestamp;
        this.headers = headers;
        this.valueVariable = Optional.of(CelValues.of(value));
    }

    /** Sets a derived field: later rules see it as {@code value.<field>}. */
    void derive(String field, Object javaValue) {
        if (derived == null) {
            derived = new LinkedHashMap<>();
            valueVariable = Optional.of(new DerivedOverlay(CelValues.of(value), derived));
        }
        derived.put(field, javaValue);
    }

    /** The derived fields in the order first set, with Java values; empty when none. */
    Map<String, Object> derived() {
        return derived == null ? Map.of() : derived;
    }

    @Override
    public Optional<Object> find(String name) {
        return switch (name) {
            case RuleCompiler.VALUE -> valueVariable;
            case RuleCompiler.KEY -> Optional.of(CelValues.of(key));
            case RuleCompiler.TOPIC -> Optional.of(topic == null ? "" : topic);
            case RuleCompiler.TIMESTAMP -> Optional.of(CelValues.of(timestamp));
            case RuleCompiler.HEADERS -> headersVariable();
            default -> Optional.empty();
        };
    }

    private Optional<Object> headersVariable() {
        if (headersVariable == null) {
            Map<String, ?> map = headers == null ? null : headers.get();
            headersVariable = Optional.of(CelValues.of(map == null ? Map.of() : map));
        }
        return headersVariable;
    }

    /** The record's value with derived fields added or replacing its own. */
    private static final class DerivedOverlay extends AbstractMap<Object, Object> {
        private final Map<?, ?> base;
        private final Map<String, Object> derived;

        DerivedOverlay(Object base, Map<String, Object> derived) {
            this.base = (Map<?, ?>) base;
            this.derived = derived;
        }

        @Override
        public Object get(Object key) {
            return derived.containsKey(key) ? CelValues.of(derived.get(key)) : base.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return derived.containsKey(key) || base.containsKey(key);
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            Map<Object, Object> merged = new LinkedHashMap<>(base);
            derived.forEach((field, javaValue) -> merged.put(field, CelValues.of(javaValue)));
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<Object, Object>> iterator() {
                    return merged.entrySet().iterator();
                }

                @Override
                public int size() {
                    return merged.size();
                }
            };
        }
    }
}

package io.tributary.connect.smt.predicates;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * A predicate made of other predicates ({@link AllOf}, {@link AnyOf}, {@link Not}). Connect predicates cannot
 * refer to each other by alias, so the conditions are configured inside this one predicate:
 * {@code conditions=a,b}, then for each name {@code conditions.a.type} (the class of any Predicate, a
 * composition too, so conditions nest) and {@code conditions.a.<key>} for each of that predicate's own keys.
 *
 * <p>A ConfigDef cannot describe keys under a name chosen by the user, so Connect's validate endpoint checks
 * only {@code conditions}. Everything else is checked when the worker configures the predicate, strictly:
 * a missing or wrong type, a key the condition's predicate does not define, or settings for a name that is not
 * listed are configuration errors naming the full key, not silently ignored.
 */
public abstract class PredicateComposition<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

    public static final String CONDITIONS_CONFIG = "conditions";
    public static final String TYPE_KEY = "type";

    private static final String PREFIX = CONDITIONS_CONFIG + ".";

    private final List<Predicate<R>> conditions = new ArrayList<>();

    protected static ConfigDef configDef(String meaning) {
        return new ConfigDef().define(CONDITIONS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                new ConditionNamesValidator(), Importance.HIGH, meaning + " Names of the conditions; for each "
                        + "name N set conditions.N.type to the class of a Predicate (e.g. "
                        + FieldMatches.class.getName() + ", or a composition, to nest) and conditions.N.<key> to "
                        + "each of that predicate's settings. The validate endpoint cannot see those keys; they "
                        + "are checked, strictly, when the worker configures the predicate.",
                "Conditions", 1, Width.LONG, "Conditions");
    }

    @Override
    public void configure(Map<String, ?> props) {
        List<String> names = new AbstractConfig(config(), props).getList(CONDITIONS_CONFIG);
        checkCount(names.size());
        rejectUnlistedConditions(props, new HashSet<>(names));
        closeConditions();
        for (String name : names) {
            conditions.add(configuredCondition(name.trim(), props));
        }
    }

    /** {@link ConfigException} when this composition cannot take that many conditions. */
    protected abstract void checkCount(int count);

    protected final List<Predicate<R>> conditions() {
        return conditions;
    }

    @SuppressWarnings("unchecked")
    private Predicate<R> configuredCondition(String name, Map<String, ?> props) {
        String prefix = PREFIX + name + ".";
        Map<String, Object> settings = new HashMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                settings.put(key.substring(prefix.length()), value);
            }
        });
        Object type = settings.get(TYPE_KEY);
        if (type == null || type.toString().isBlank()) {
            throw new ConfigException(prefix + TYPE_KEY, type, "is required: the class of condition '" + name
                    + "', a Predicate");
        }
        Predicate<R> condition;
        try {
            Class<?> predicateClass = type instanceof Class<?> c ? c
                    : Class.forName(type.toString().trim(), true, Utils.getContextOrKafkaClassLoader());
            if (!Predicate.class.isAssignableFrom(predicateClass)) {
                throw new ConfigException(prefix + TYPE_KEY, type, "is not a Predicate");
            }
            condition = (Predicate<R>) Utils.newInstance(predicateClass);
        } catch (ClassNotFoundException | RuntimeException e) {
            if (e instanceof ConfigException configException) {
                throw configException;
            }
            throw new ConfigException(prefix + TYPE_KEY, type, "cannot be loaded and created: " + e);
        }
        rejectUnknownKeys(prefix, settings, condition);
        try {
            condition.configure(settings);
        } catch (ConfigException e) {
            throw new ConfigException("Condition '" + name + "' (keys " + prefix + "*): " + e.getMessage());
        }
        return condition;
    }

    private static void rejectUnknownKeys(String prefix, Map<String, Object> settings, Predicate<?> condition) {
        Set<String> known = condition.config().names();
        boolean nests = condition instanceof PredicateComposition;
        for (String key : settings.keySet()) {
            if (!key.equals(TYPE_KEY) && !known.contains(key) && !(nests && key.startsWith(PREFIX))) {
                throw new ConfigException(prefix + key, settings.get(key), "is not a setting of "
                        + condition.getClass().getName() + ", whose settings are " + known);
            }
        }
    }

    private static void rejectUnlistedConditions(Map<String, ?> props, Set<String> names) {
        Set<String> trimmed = new HashSet<>();
        names.forEach(name -> trimmed.add(name.trim()));
        for (String key : props.keySet()) {
            if (key.startsWith(PREFIX)) {
                int end = key.indexOf('.', PREFIX.length());
                String name = key.substring(PREFIX.length(), end < 0 ? key.length() : end);
                if (!trimmed.contains(name)) {
                    throw new ConfigException(key, props.get(key), "belongs to condition '" + name
                            + "', which is not listed in " + CONDITIONS_CONFIG);
                }
            }
        }
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }

    @Override
    public void close() {
        closeConditions();
    }

    private void closeConditions() {
        for (Predicate<R> condition : conditions) {
            Utils.closeQuietly(condition, "condition " + condition.getClass().getName());
        }
        conditions.clear();
    }

    private static final class ConditionNamesValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) value;
            Set<String> seen = new HashSet<>();
            for (String condition : names) {
                String trimmed = condition.trim();
                if (trimmed.isEmpty() || trimmed.contains(".")) {
                    throw new ConfigException(name, value, "condition names must be non-empty and contain no '.'");
                }
                if (!seen.add(trimmed)) {
                    throw new ConfigException(name, value, "condition '" + trimmed + "' is listed twice");
                }
            }
        }

        @Override
        public String toString() {
            return "list of distinct condition names without '.'";
        }
    }
}

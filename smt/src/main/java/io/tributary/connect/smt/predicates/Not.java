package io.tributary.connect.smt.predicates;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * NOT: matches a record that its one condition does not match. Connect's own {@code negate} negates a
 * predicate where a transform uses it; this negates a condition inside an {@link AllOf} or {@link AnyOf}.
 */
public final class Not<R extends ConnectRecord<R>> extends PredicateComposition<R> {

    public static final ConfigDef CONFIG_DEF = configDef("Matches when its one condition does not match.");

    @Override
    protected void checkCount(int count) {
        if (count != 1) {
            throw new ConfigException(CONDITIONS_CONFIG + " of Not must name exactly one condition, not " + count);
        }
    }

    @Override
    public boolean test(R record) {
        return !conditions().get(0).test(record);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}

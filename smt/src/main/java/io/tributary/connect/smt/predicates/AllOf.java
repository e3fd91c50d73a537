package io.tributary.connect.smt.predicates;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/** AND: matches a record that every condition matches, testing them in order and stopping at the first miss. */
public final class AllOf<R extends ConnectRecord<R>> extends PredicateComposition<R> {

    public static final ConfigDef CONFIG_DEF = configDef("Matches when every condition matches.");

    @Override
    protected void checkCount(int count) {
        if (count < 1) {
            throw new ConfigException(CONDITIONS_CONFIG + " must name at least one condition");
        }
    }

    @Override
    public boolean test(R record) {
        for (Predicate<R> condition : conditions()) {
            if (!condition.test(record)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }
}

package io.tributary.connect.jdbc.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** Recommenders for keys with a fixed set of values, so UIs can offer them. */
final class Recommenders {

    private Recommenders() {
    }

    static ConfigDef.Recommender of(String... values) {
        List<Object> valid = List.of((Object[]) values);
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return valid;
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }
}

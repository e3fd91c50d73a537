package io.tributary.connect.smt.config;

import java.util.Collection;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * A broken rule that spans several keys (or needs the outside world, such as a database), reported under the
 * key an operator has to change. Every Tributary connector checks such rules in its {@code validate()}, so the
 * REST validate endpoint shows them beside the per-key errors.
 */
public record ConfigProblem(String key, String message) {

    /** Adds each problem's message to the config value of its key in {@code result}. */
    public static void addTo(Config result, Collection<ConfigProblem> problems) {
        for (ConfigProblem problem : problems) {
            for (ConfigValue value : result.configValues()) {
                if (value.name().equals(problem.key())) {
                    value.addErrorMessage(problem.message());
                }
            }
        }
    }
}

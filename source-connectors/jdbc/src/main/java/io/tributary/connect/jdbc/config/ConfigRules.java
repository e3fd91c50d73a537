package io.tributary.connect.jdbc.config;

import io.tributary.connect.smt.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;

/** Assembles the JDBC source's ConfigDef from its fragments, and checks the rules that span keys. */
public final class ConfigRules {

    private ConfigRules() {
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConnectionSettings.define(def);
        SelectionSettings.define(def);
        ModeSettings.define(def);
        SnapshotSettings.define(def);
        IncrementalSettings.define(def);
        TypeSettings.define(def);
        return def;
    }

    /**
     * Rules that span keys, shared by the config's constructor and the connector's {@code validate()}, so the
     * validate endpoint reports exactly what starting the connector would reject.
     *
     * @param values the raw value of a key, or null when unset
     */
    public static List<ConfigProblem> problems(Function<String, String> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        SelectionSettings.problems(values, problems);
        IncrementalSettings.problems(values, problems);
        return problems;
    }
}

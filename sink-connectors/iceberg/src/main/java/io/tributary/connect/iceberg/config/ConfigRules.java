package io.tributary.connect.iceberg.config;

import io.tributary.connect.smt.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;

/** Assembles the sink's ConfigDef from its fragments, and checks the rules that span keys. */
public final class ConfigRules {

    private ConfigRules() {
    }

    public static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        CatalogSettings.define(def);
        StorageSettings.define(def);
        TableSettings.define(def);
        WriteSettings.define(def);
        CommitSettings.define(def);
        MaintenanceSettings.define(def);
        return def;
    }

    /**
     * Rules that span keys. Shared by the config's constructor and the connector's {@code validate()}, so the
     * REST validate endpoint reports exactly what starting the connector would reject.
     *
     * @param values raw value of a key, or null when unset
     */
    public static List<ConfigProblem> problems(Function<String, String> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        CatalogSettings.problems(values, problems);
        StorageSettings.problems(values, problems);
        TableSettings.problems(values, problems);
        WriteSettings.problems(values, problems);
        MaintenanceSettings.problems(values, problems);
        return problems;
    }
}

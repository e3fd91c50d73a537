package io.tributary.connect.iceberg;

import io.tributary.connect.iceberg.config.CatalogSettings;
import io.tributary.connect.iceberg.config.CommitSettings;
import io.tributary.connect.iceberg.config.MaintenanceSettings;
import io.tributary.connect.smt.config.ConfigProblem;
import io.tributary.connect.iceberg.config.ConfigRules;
import io.tributary.connect.iceberg.config.TableSettings;
import io.tributary.connect.iceberg.config.WriteSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of {@link TributaryIcebergSinkConnector}: the sum of its fragments — catalog, tables, write
 * mode, commits, maintenance — each of which defines its own keys.
 */
public final class IcebergSinkConfig extends AbstractConfig {

    public static final ConfigDef CONFIG_DEF = ConfigRules.configDef();

    private final CatalogSettings catalog;
    private final TableSettings tables;
    private final CommitSettings commits;
    private final WriteSettings writes;
    private final MaintenanceSettings maintenance;

    public IcebergSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        List<ConfigProblem> problems = ConfigRules.problems(props::get);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; ")));
        }
        this.catalog = new CatalogSettings(this);
        this.tables = new TableSettings(this);
        this.commits = new CommitSettings(this, props.get("name"));
        this.writes = new WriteSettings(this);
        this.maintenance = new MaintenanceSettings(this);
    }

    public CatalogSettings catalog() {
        return catalog;
    }

    public TableSettings tables() {
        return tables;
    }

    public CommitSettings commits() {
        return commits;
    }

    public WriteSettings writes() {
        return writes;
    }

    public MaintenanceSettings maintenance() {
        return maintenance;
    }
}

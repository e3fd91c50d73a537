package io.tributary.connect.jdbc;

import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.smt.config.ConfigProblem;
import io.tributary.connect.jdbc.config.ConfigRules;
import io.tributary.connect.jdbc.config.SelectionSettings;
import io.tributary.connect.jdbc.connector.DatabaseCheck;
import io.tributary.connect.jdbc.connector.OffsetScope;
import io.tributary.connect.jdbc.connector.TableWatcher;
import io.tributary.connect.jdbc.dialect.Dialects;
import io.tributary.connect.jdbc.task.TaskTables;
import io.tributary.connect.smt.plugin.TaskRef;
import io.tributary.connect.smt.plugin.TributaryVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads relational tables into Kafka: consistent scheduled snapshots and incremental pulls.
 *
 * <p>Named so that its alias ({@code TributaryJdbcSource}) does not collide with other JDBC sources
 * installed on the same worker.
 */
public class TributaryJdbcSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(TributaryJdbcSourceConnector.class);
    /** How long {@code validate()} waits for the database: the REST call must answer well within a minute. */
    static final Duration VALIDATE_TIMEOUT = Duration.ofSeconds(15);

    private Map<String, String> props;
    private JdbcSourceConfig config;
    private TableWatcher watcher;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new JdbcSourceConfig(props);
        SelectionSettings selection = config.selection();
        if (selection.style() == SelectionSettings.Style.PATTERNS) {
            watcher = new TableWatcher(Dialects.forUrl(config.connection().url()), config.connection(),
                    selection.filter(), () -> context.requestTaskReconfiguration());
            watcher.start(selection.refreshInterval());
        }
        LOG.info("Starting JDBC source: {} in {} mode", selection.style() == SelectionSettings.Style.QUERY
                ? "query " + selection.queryName() : tables().size() + " table(s)", config.mode());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSourceTask.class;
    }

    /** Spreads the tables over at most {@code maxTasks} tasks; a table is in exactly one task's list. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (config.selection().style() == SelectionSettings.Style.QUERY) {
            return TaskRef.numbered(List.of(props));
        }
        List<TableId> tables = tables();
        List<Map<String, String>> taskConfigs = new ArrayList<>();
        if (tables.isEmpty()) {
            LOG.warn("No table to read yet; tasks start when one matches");
            return taskConfigs;
        }
        for (List<TableId> group : ConnectorUtils.groupPartitions(tables, Math.min(maxTasks, tables.size()))) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(JdbcSourceConfig.TASK_TABLES, TaskTables.encode(group));
            taskConfigs.add(taskConfig);
        }
        return TaskRef.numbered(taskConfigs);
    }

    private List<TableId> tables() {
        return watcher != null ? watcher.tables() : config.selection().tables();
    }

    @Override
    public void stop() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    /** Records and offsets commit in one transaction; resuming needs nothing else. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** Snapshots commit in chunks of {@code snapshot.transaction.rows}, the end markers in the last one. */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    /** Checks operators' offset edits (docs/jdbc-source-offsets.md); refuses anything it cannot act on. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return OffsetScope.edits(new JdbcSourceConfig(connectorConfig)).check(offsets);
    }

    /**
     * Per-key checks, then the rules that span keys, then (when the config is otherwise valid) the database:
     * reachable, and the tables and columns named exist. Each problem is reported on its key.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        ConfigProblem.addTo(result, ConfigRules.problems(connectorConfigs::get));
        boolean valid = result.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
        if (valid) {
            ConfigProblem.addTo(result,
                    new DatabaseCheck(new JdbcSourceConfig(connectorConfigs), VALIDATE_TIMEOUT).problems());
        }
        return result;
    }

    @Override
    public ConfigDef config() {
        return JdbcSourceConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }
}

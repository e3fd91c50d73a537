package io.tributary.connect.jdbc;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
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

    private Map<String, String> props;
    private JdbcSourceConfig config;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new JdbcSourceConfig(props);
        LOG.info("Starting JDBC source for {} table(s) in {} mode", config.tables().size(), config.mode());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSourceTask.class;
    }

    /** Spreads the tables over at most {@code maxTasks} tasks; a table is in exactly one task's list. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> tables = config.tables();
        List<Map<String, String>> taskConfigs = new ArrayList<>();
        for (List<String> group : ConnectorUtils.groupPartitions(tables, Math.min(maxTasks, tables.size()))) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(JdbcSourceConfig.TASK_TABLES, String.join(",", group));
            taskConfigs.add(taskConfig);
        }
        return taskConfigs;
    }

    @Override
    public void stop() {
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

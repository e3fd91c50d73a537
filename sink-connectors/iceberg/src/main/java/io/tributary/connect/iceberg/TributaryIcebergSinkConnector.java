package io.tributary.connect.iceberg;

import io.tributary.connect.iceberg.config.ConfigRules;
import io.tributary.connect.smt.config.ConfigProblem;
import io.tributary.connect.smt.plugin.TaskRef;
import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kafka records into Apache Iceberg tables with exactly-once commits.
 *
 * <p>Named so that its alias ({@code TributaryIcebergSink}) does not collide with Apache Iceberg's own
 * {@code IcebergSinkConnector} when both are installed on one worker.
 */
public class TributaryIcebergSinkConnector extends SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(TributaryIcebergSinkConnector.class);

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        IcebergSinkConfig config = new IcebergSinkConfig(props);
        this.props = Map.copyOf(props);
        LOG.info("Starting Iceberg sink with {} routing into {} catalog '{}'", config.tables().route(),
                config.catalog().type(), config.catalog().name());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return IcebergSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        // Numbered: which tables a task maintains, and what its live figures are filed under.
        return TaskRef.numbered(Collections.nCopies(maxTasks, props));
    }

    /** Adds the rules that span keys to the per-key validation, each under the key it is about. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        ConfigProblem.addTo(config, ConfigRules.problems(connectorConfigs::get));
        return config;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return IcebergSinkConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }
}

package io.tributary.connect.iceberg;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
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
        LOG.info("Starting Iceberg sink into {} table(s) of {} catalog '{}'", config.tables().size(),
                config.catalogType(), config.catalogName());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return IcebergSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    /** Adds the rules that span keys to the per-key validation, each under the key it is about. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        for (String problem : IcebergSinkConfig.crossFieldProblems(connectorConfigs::get)) {
            String key = problem.substring(0, problem.indexOf(' '));
            Optional<ConfigValue> value = config.configValues().stream()
                    .filter(v -> v.name().equals(key)).findFirst();
            value.ifPresent(v -> v.addErrorMessage(problem));
        }
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

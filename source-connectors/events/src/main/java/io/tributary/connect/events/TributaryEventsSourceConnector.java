package io.tributary.connect.events;

import io.tributary.connect.events.config.EventsSourceConfig;
import io.tributary.connect.events.ingest.SequenceOffsets;
import io.tributary.connect.smt.config.ConfigProblem;
import io.tributary.connect.smt.plugin.TaskRef;
import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests live events (clickstream) over HTTP: every task runs a server, and acknowledges a request only
 * once its events are durable in Kafka (docs/events-source.md).
 */
public class TributaryEventsSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(TributaryEventsSourceConnector.class);

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        EventsSourceConfig config = new EventsSourceConfig(props);
        this.props = Map.copyOf(props);
        LOG.info("Starting events source on {}:{} for {}", config.server().bindAddress(), config.server().port(),
                config.streams().streams().isEmpty() ? "any stream" : "streams " + config.streams().streams());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return EventsSourceTask.class;
    }

    /** Every task serves the same streams on its own worker; its number names its offsets. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        // Numbered: a task's number names its offsets.
        return TaskRef.numbered(Collections.nCopies(maxTasks, props));
    }

    @Override
    public void stop() {
    }

    /** A request's records and the task's sequence offset commit in one transaction per poll. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** Transactions follow polls (or the worker's interval); the connector does not draw them itself. */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.UNSUPPORTED;
    }

    /** Accepts edits of the task sequences (or their removal); refuses anything else, saying why. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            String problem = SequenceOffsets.problem(entry.getKey(), entry.getValue());
            if (problem != null) {
                throw new ConnectException(problem);
            }
        }
        return true;
    }

    /**
     * Every key, including those of each listed stream, then the rules that span keys (a schema that does not
     * parse among them), each reported under its key.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        List<ConfigValue> values = EventsSourceConfig.configDef(connectorConfigs).validate(connectorConfigs);
        Config result = new Config(values);
        ConfigProblem.addTo(result, EventsSourceConfig.problems(connectorConfigs));
        return result;
    }

    @Override
    public ConfigDef config() {
        return EventsSourceConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }
}

package io.tributary.connect.events;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests live events (clickstream) over HTTP: every task runs a server, and acknowledges a request only
 * once its events are durable in Kafka.
 */
public class TributaryEventsSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(TributaryEventsSourceConnector.class);

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        EventsSourceConfig config = new EventsSourceConfig(props);
        this.props = Map.copyOf(props);
        LOG.info("Starting events source on {}:{}", config.bindAddress(), config.port());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return EventsSourceTask.class;
    }

    /** Every task is identical: each serves the same streams on its own worker. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
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

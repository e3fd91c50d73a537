package io.tributary.connect.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.Map;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /tributary} on the worker (see {@link PipelinesResource}). Enable it on every worker with
 * {@code rest.extension.classes=io.tributary.connect.rest.TributaryRestExtension}; it reads its settings
 * ({@code tributary.*}) and the Kafka connection it needs for consumer lag from the worker's properties.
 * Needs a Connect 4.0 or later worker (Jakarta REST).
 */
public class TributaryRestExtension implements ConnectRestExtension {

    private static final Logger LOG = LoggerFactory.getLogger(TributaryRestExtension.class);

    private ExtensionSettings settings;
    private SinkLag sinkLag;

    @Override
    public void configure(Map<String, ?> workerProps) {
        settings = new ExtensionSettings(workerProps);
        sinkLag = new SinkLag(settings.kafkaClients(), settings.peerTimeout());
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        ObjectMapper json = new ObjectMapper();
        ClusterPipelines pipelines = new ClusterPipelines(context.clusterState(),
                new PeerClient(json, settings.peerTimeout()), sinkLag);
        context.configurable().register(new PipelinesResource(pipelines, settings.thresholds(), json));
        LOG.info("Tributary REST extension serving /tributary/pipelines and /tributary/health");
    }

    @Override
    public void close() {
        if (sinkLag != null) {
            sinkLag.close();
        }
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }
}

package io.tributary.quickstart;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * One Connect worker in distributed mode — what {@code connect-distributed.sh} runs — with the bundle in its
 * {@code plugin.path} and its REST API on a fixed port. Its configs, offsets and statuses live in Kafka, as in
 * any distributed cluster: more workers with the same {@code group.id} would join it.
 */
final class LocalConnect implements AutoCloseable {

    private final Connect<?> connect;
    private final String restUrl;

    private LocalConnect(Connect<?> connect, String restUrl) {
        this.connect = connect;
        this.restUrl = restUrl;
    }

    static LocalConnect start(String bootstrapServers, Path pluginPath, int restPort) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "tributary-quickstart");
        props.put("config.storage.topic", "quickstart-connect-configs");
        props.put("offset.storage.topic", "quickstart-connect-offsets");
        props.put("status.storage.topic", "quickstart-connect-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("listeners", "http://localhost:" + restPort);
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter.schemas.enable", "false");
        props.put("exactly.once.source.support", "enabled");
        props.put("offset.flush.interval.ms", "1000");
        props.put("rest.extension.classes", "io.tributary.connect.rest.TributaryRestExtension");
        props.put("config.providers", "file");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        Connect<?> connect = new ConnectDistributed().startConnect(props);
        return new LocalConnect(connect, "http://localhost:" + restPort);
    }

    String restUrl() {
        return restUrl;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}

package io.tributary.packaging;

import java.util.HashMap;
import java.util.Map;

/** The start of every events source connector config in these tests: one task serving one stream on loopback. */
final class EventsSourceConfigs {

    private EventsSourceConfigs() {
    }

    /**
     * A mutable config serving stream {@code stream} at 127.0.0.1:{@code port} into the topics of
     * {@code topicTemplate}, keys as strings and values as schemaless JSON; add what the test needs.
     */
    static Map<String, String> serving(int port, String stream, String topicTemplate) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tributary.connect.events.TributaryEventsSourceConnector");
        config.put("tasks.max", "1");
        config.put("http.bind.address", "127.0.0.1");
        config.put("http.port", Integer.toString(port));
        config.put("streams", stream);
        config.put("topic.template", topicTemplate);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }
}

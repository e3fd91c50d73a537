package io.tributary.connect.events;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link TributaryEventsSourceConnector}, grouped by concern. */
public final class EventsSourceConfig extends AbstractConfig {

    public static final String BIND_ADDRESS = "http.bind.address";
    public static final String PORT = "http.port";
    public static final String STREAMS = "streams";
    public static final String TOPIC_TEMPLATE = "topic.template";

    /** Stream names as they appear in {@code POST /v1/events/{stream}}: safe in a URL and in a topic name. */
    static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private static final String SERVER_GROUP = "HTTP server";
    private static final String ROUTING_GROUP = "Streams";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BIND_ADDRESS, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Address each task's HTTP server binds to.",
                    SERVER_GROUP, 1, Width.MEDIUM, "Bind address")
            .define(PORT, Type.INT, 8080, Range.between(1, 65535), Importance.HIGH,
                    "Port of each task's HTTP server. Run one task per worker (tasks.max = number of "
                            + "workers) behind a load balancer.",
                    SERVER_GROUP, 2, Width.SHORT, "Port")
            .define(STREAMS, Type.LIST, "", new StreamNames(), Importance.HIGH,
                    "Streams accepted at POST /v1/events/{stream}. Empty accepts any stream whose name "
                            + "matches " + STREAM_NAME.pattern() + ".",
                    ROUTING_GROUP, 1, Width.LONG, "Streams")
            .define(TOPIC_TEMPLATE, Type.STRING, "${stream}", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Topic for each stream; '${stream}' is replaced, e.g. 'web.${stream}'.",
                    ROUTING_GROUP, 2, Width.MEDIUM, "Topic template");

    public EventsSourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    public String bindAddress() {
        return getString(BIND_ADDRESS);
    }

    public int port() {
        return getInt(PORT);
    }

    public List<String> streams() {
        return getList(STREAMS);
    }

    /** The topic events of {@code stream} are written to. */
    public String topicFor(String stream) {
        return getString(TOPIC_TEMPLATE).replace("${stream}", stream);
    }

    private static final class StreamNames implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object stream : (List<?>) value) {
                if (!STREAM_NAME.matcher(stream.toString()).matches()) {
                    throw new ConfigException(name, value,
                            "stream '" + stream + "' must match " + STREAM_NAME.pattern());
                }
            }
        }

        @Override
        public String toString() {
            return "stream names matching " + STREAM_NAME.pattern();
        }
    }
}

package io.tributary.connect.events.config;

import io.tributary.connect.smt.config.ConfigProblem;
import io.tributary.connect.smt.plugin.TaskRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of the events source: the sum of its fragments — server, streams, limits, bad events,
 * authentication — each of which defines its own keys, plus the keys of each listed stream.
 */
public final class EventsSourceConfig extends AbstractConfig {

    /** The keys every config has; a stream's own keys are added by {@link #configDef(Map)}. */
    public static final ConfigDef CONFIG_DEF = baseDef();

    /** Set by the connector in each task's config: the task's number, which names its offsets. */
    public static final String TASK_INDEX = TaskRef.INDEX;

    private final ServerSettings server;
    private final StreamSettings streams;
    private final LimitSettings limits;
    private final BadEventSettings badEvents;
    private final AuthSettings auth;

    public EventsSourceConfig(Map<String, String> props) {
        super(configDef(props), props);
        List<ConfigProblem> problems = problems(props);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(p -> p.key() + ": " + p.message())
                    .collect(Collectors.joining("; ")));
        }
        this.server = new ServerSettings(this);
        this.streams = new StreamSettings(this);
        this.limits = new LimitSettings(this);
        this.badEvents = new BadEventSettings(this);
        this.auth = new AuthSettings(this);
    }

    private static ConfigDef baseDef() {
        ConfigDef def = new ConfigDef();
        ServerSettings.define(def);
        StreamSettings.define(def);
        LimitSettings.define(def);
        BadEventSettings.define(def);
        AuthSettings.define(def);
        return def;
    }

    /** The keys of a config with these properties: the common ones and those of each listed stream. */
    public static ConfigDef configDef(Map<String, String> props) {
        ConfigDef def = new ConfigDef(CONFIG_DEF);
        for (String stream : listedStreams(props)) {
            StreamSettings.defineStream(def, stream);
        }
        return def;
    }

    /**
     * Rules that span keys, shared by the constructor and the connector's {@code validate()}. Empty when a key
     * on its own is invalid: that key's error says enough.
     */
    public static List<ConfigProblem> problems(Map<String, String> props) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> streams;
        try {
            streams = listedStreams(props);
            new ConfigDef(CONFIG_DEF).parse(props);
        } catch (ConfigException e) {
            return problems;
        }
        problems.addAll(StreamSettings.problems(props, streams));
        String policy = props.getOrDefault(BadEventSettings.POLICY, BadEventSettings.Policy.ACCEPT_VALID.configValue());
        String deadLetters = props.getOrDefault(BadEventSettings.DEAD_LETTER_TOPIC, "");
        if (!deadLetters.isBlank()
                && BadEventSettings.Policy.of(policy) == BadEventSettings.Policy.REJECT_REQUEST) {
            problems.add(new ConfigProblem(BadEventSettings.DEAD_LETTER_TOPIC, "invalid events go to a "
                    + "dead-letter topic only with " + BadEventSettings.POLICY + "=accept-valid: with "
                    + "reject-request the client resends the corrected request"));
        }
        if (!deadLetters.isBlank() && StreamSettings.topics(props, streams).contains(deadLetters)) {
            problems.add(new ConfigProblem(BadEventSettings.DEAD_LETTER_TOPIC,
                    "the dead-letter topic must not be a stream's topic"));
        }
        String keystore = props.getOrDefault(ServerSettings.KEYSTORE_LOCATION, "");
        if (!keystore.isBlank()) {
            if (!Files.isReadable(Path.of(keystore))) {
                problems.add(new ConfigProblem(ServerSettings.KEYSTORE_LOCATION,
                        "no readable keystore at '" + keystore + "' on this worker"));
            }
            if (props.getOrDefault(ServerSettings.KEYSTORE_PASSWORD, "").isEmpty()) {
                problems.add(new ConfigProblem(ServerSettings.KEYSTORE_PASSWORD,
                        "a keystore needs its password"));
            }
        }
        return problems;
    }

    private static List<String> listedStreams(Map<String, String> props) {
        Object value = ConfigDef.parseType(StreamSettings.STREAMS, props.getOrDefault(StreamSettings.STREAMS, ""),
                ConfigDef.Type.LIST);
        List<String> streams = new ArrayList<>();
        for (Object stream : (List<?>) value) {
            if (!streams.contains(stream.toString())) {
                streams.add(stream.toString());
            }
        }
        return streams;
    }

    public ServerSettings server() {
        return server;
    }

    public StreamSettings streams() {
        return streams;
    }

    public LimitSettings limits() {
        return limits;
    }

    public BadEventSettings badEvents() {
        return badEvents;
    }

    public AuthSettings auth() {
        return auth;
    }

    /** This task's number; 0 outside a task. */
    public int taskIndex() {
        Object index = originals().get(TASK_INDEX);
        return index == null ? 0 : Integer.parseInt(index.toString());
    }
}

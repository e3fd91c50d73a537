package io.tributary.connect.events.config;

import io.tributary.connect.events.schema.AvroEventReader;
import io.tributary.connect.events.schema.EventReader;
import io.tributary.connect.events.schema.SchemalessEventReader;
import io.tributary.connect.smt.EventTimeParser;
import io.tributary.connect.smt.FieldPath;
import io.tributary.connect.smt.config.ConfigProblem;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Which streams are served, the topic of each, and how an event's schema, time and id are found.
 *
 * <p>Keys of one stream are named after it, like the worker's own {@code transforms.<alias>.type}:
 * {@code streams.clicks.schema}. They exist for the streams listed in {@value #STREAMS} only, and
 * {@code validate()} shows them with the rest.
 */
public final class StreamSettings {

    public static final String STREAMS = "streams";
    public static final String TOPIC_TEMPLATE = "topic.template";
    public static final String EVENT_TIME_FIELD = "event.time.field";
    public static final String EVENT_TIME_FORMAT = "event.time.format";
    public static final String EVENT_ID_FIELD = "event.id.field";
    public static final String UNKNOWN_FIELDS = "schema.unknown.fields";
    public static final String VALUE_FORMAT = "record.value.format";
    /** The converter {@value #VALUE_FORMAT}{@code =json} needs: it writes the bytes as they are. */
    public static final String BYTES_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    /** Suffixes of a stream's own keys, {@code streams.<stream>.<suffix>}. */
    public static final String SCHEMA = "schema";
    public static final String SCHEMA_FILE = "schema.file";
    public static final String TOPIC = "topic";

    /** Stream names as they appear in {@code POST /v1/events/{stream}}: safe in a URL and in a topic name. */
    public static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Pattern STREAM_KEY = Pattern.compile(
            "streams\\.(.+)\\.(schema|schema\\.file|topic|event\\.time\\.field|event\\.id\\.field)");

    private static final String GROUP = "Streams";
    private static final String STREAM_GROUP = "Stream ";
    private static final List<String> TIME_FORMATS = List.of(EventTimeParser.Format.ISO_8601.configValue(),
            EventTimeParser.Format.EPOCH_MILLIS.configValue(), EventTimeParser.Format.EPOCH_SECONDS.configValue(),
            EventTimeParser.Format.EPOCH_MICROS.configValue());

    private final AbstractConfig config;
    private final Map<String, StreamRoute> routes = new LinkedHashMap<>();
    private final StreamRoute anyStream;

    StreamSettings(AbstractConfig config) {
        this.config = config;
        for (String stream : streams()) {
            routes.put(stream, route(stream));
        }
        this.anyStream = routes.isEmpty() ? route(null) : null;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(STREAMS, Type.LIST, "", new StreamNames(), Importance.HIGH,
                        "Streams accepted at POST /v1/events/{stream}; any other gets 404. Empty accepts any "
                                + "stream whose name matches " + STREAM_NAME.pattern() + ", schemaless. A listed "
                                + "stream may have its own keys: streams.<stream>.schema (an inline Avro record "
                                + "schema), streams.<stream>.schema.file (a path to one, on every worker), "
                                + "streams.<stream>.topic, streams.<stream>.event.time.field and "
                                + "streams.<stream>.event.id.field.",
                        GROUP, 1, Width.LONG, "Streams")
                .define(TOPIC_TEMPLATE, Type.STRING, "${stream}", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Topic of each stream; '${stream}' is replaced, e.g. 'web.${stream}'.",
                        GROUP, 2, Width.MEDIUM, "Topic template")
                .define(EVENT_TIME_FIELD, Type.STRING, "", Importance.MEDIUM,
                        "Field (a dotted path) holding each event's time, which becomes the Kafka record's "
                                + "timestamp; an event without it is invalid. Empty: the time the request "
                                + "arrived.",
                        GROUP, 3, Width.MEDIUM, "Event time field")
                .define(EVENT_TIME_FORMAT, Type.STRING, EventTimeParser.Format.ISO_8601.configValue(),
                        ConfigDef.CaseInsensitiveValidString.in(TIME_FORMATS.toArray(String[]::new)),
                        Importance.MEDIUM, "How event times are written: 'iso_8601' text (an offset or 'Z'; "
                                + "text without one is UTC), or a number of 'epoch_millis', 'epoch_seconds' or "
                                + "'epoch_micros'. A field of an Avro timestamp type is read as it is.",
                        GROUP, 4, Width.SHORT, "Event time format")
                .define(EVENT_ID_FIELD, Type.STRING, "", Importance.MEDIUM,
                        "Field (a dotted path) holding each event's id, which becomes the record key. Without "
                                + "one, the request's Idempotency-Key header is the key (with ':<index>' when "
                                + "the request holds several events); without that, a time-ordered UUIDv7.",
                        GROUP, 5, Width.MEDIUM, "Event id field")
                .define(UNKNOWN_FIELDS, Type.STRING, "ignore", ConfigDef.CaseInsensitiveValidString.in("ignore",
                        "reject"), Importance.LOW, "What a stream with a schema does with a field the schema "
                                + "lacks: 'ignore' drops it, 'reject' makes the event invalid.",
                        GROUP, 6, Width.SHORT, "Unknown fields")
                .define(VALUE_FORMAT, Type.STRING, ValueFormat.CONNECT.configValue(),
                        ConfigDef.CaseInsensitiveValidString.in(ValueFormat.CONNECT.configValue(),
                                ValueFormat.JSON.configValue()),
                        Importance.MEDIUM, "What a record's value is. 'connect': the Struct of the stream's "
                                + "schema, or a schemaless map, for any value.converter. 'json': the event's "
                                + "JSON exactly as it was sent (bytes), for value.converter=" + BYTES_CONVERTER
                                + "; events are validated, timed and keyed as with 'connect', and the worker "
                                + "converts nothing — the fastest path, which the Iceberg sink's "
                                + "iceberg.tables.value-format=json reads straight into rows.",
                        GROUP, 7, Width.SHORT, "Record value format");
    }

    /** The values of {@value #VALUE_FORMAT}. */
    public enum ValueFormat {
        CONNECT, JSON;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The format a (validated) config value names. */
        static ValueFormat of(String configValue) {
            return valueOf(configValue.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** Defines the keys of {@code stream}, so that validation and the config reference know them. */
    static ConfigDef defineStream(ConfigDef def, String stream) {
        String group = STREAM_GROUP + stream;
        return def
                .define(streamKey(stream, SCHEMA), Type.STRING, "", Importance.MEDIUM,
                        "Avro record schema (JSON) events of stream '" + stream + "' must fit; they become "
                                + "Structs of it. Empty, with no schema file: schemaless maps.",
                        group, 1, Width.LONG, "Schema")
                .define(streamKey(stream, SCHEMA_FILE), Type.STRING, "", Importance.MEDIUM,
                        "Path of an Avro schema file (.avsc) for stream '" + stream + "', present on every "
                                + "worker; instead of the inline schema.",
                        group, 2, Width.LONG, "Schema file")
                .define(streamKey(stream, TOPIC), Type.STRING, "", Importance.LOW,
                        "Topic of stream '" + stream + "'; empty applies " + TOPIC_TEMPLATE + ".",
                        group, 3, Width.MEDIUM, "Topic")
                .define(streamKey(stream, EVENT_TIME_FIELD), Type.STRING, null, Importance.LOW,
                        "Event time field of stream '" + stream + "'; unset applies " + EVENT_TIME_FIELD + ".",
                        group, 4, Width.MEDIUM, "Event time field")
                .define(streamKey(stream, EVENT_ID_FIELD), Type.STRING, null, Importance.LOW,
                        "Event id field of stream '" + stream + "'; unset applies " + EVENT_ID_FIELD + ".",
                        group, 5, Width.MEDIUM, "Event id field");
    }

    public static String streamKey(String stream, String suffix) {
        return STREAMS + "." + stream + "." + suffix;
    }

    /**
     * Problems only the whole config shows: a stream's key for a stream that is not listed, a schema given
     * twice, a schema that cannot be read. Each is reported under the key to change.
     */
    static List<ConfigProblem> problems(Map<String, String> props, List<String> streams) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String key : props.keySet()) {
            Matcher matcher = STREAM_KEY.matcher(key);
            if (matcher.matches() && !streams.contains(matcher.group(1))) {
                problems.add(new ConfigProblem(STREAMS, "'" + key + "' configures stream '" + matcher.group(1)
                        + "', which is not in " + STREAMS));
            }
        }
        for (String stream : streams) {
            String inline = props.getOrDefault(streamKey(stream, SCHEMA), "");
            String file = props.getOrDefault(streamKey(stream, SCHEMA_FILE), "");
            if (!inline.isBlank() && !file.isBlank()) {
                problems.add(new ConfigProblem(streamKey(stream, SCHEMA_FILE), "stream '" + stream
                        + "' has an inline schema and a schema file: give one"));
            } else if (!inline.isBlank() || !file.isBlank()) {
                String key = streamKey(stream, inline.isBlank() ? SCHEMA_FILE : SCHEMA);
                try {
                    reader(inline, file, false);
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem(key, "schema of stream '" + stream + "': " + e.getMessage()));
                }
            }
            for (String suffix : List.of(EVENT_TIME_FIELD, EVENT_ID_FIELD)) {
                String path = props.get(streamKey(stream, suffix));
                if (path != null && !path.isBlank()) {
                    fieldProblem(streamKey(stream, suffix), path).ifPresent(problems::add);
                }
            }
        }
        for (String key : List.of(EVENT_TIME_FIELD, EVENT_ID_FIELD)) {
            String path = props.get(key);
            if (path != null && !path.isBlank()) {
                fieldProblem(key, path).ifPresent(problems::add);
            }
        }
        String converter = props.get("value.converter");
        if (ValueFormat.JSON.configValue().equalsIgnoreCase(props.getOrDefault(VALUE_FORMAT, "").strip())
                && converter != null && !BYTES_CONVERTER.equals(converter.strip())) {
            problems.add(new ConfigProblem(VALUE_FORMAT, VALUE_FORMAT + "=json writes each event's JSON as bytes, "
                    + "which value.converter=" + converter.strip() + " would not write as they are: set "
                    + "value.converter=" + BYTES_CONVERTER));
        }
        return problems;
    }

    /** The topics of the listed streams, from raw properties. */
    static List<String> topics(Map<String, String> props, List<String> streams) {
        String template = props.getOrDefault(TOPIC_TEMPLATE, "${stream}");
        return streams.stream().map(stream -> {
            String own = props.getOrDefault(streamKey(stream, TOPIC), "");
            return own.isBlank() ? template.replace("${stream}", stream) : own;
        }).toList();
    }

    private static Optional<ConfigProblem> fieldProblem(String key, String path) {
        try {
            FieldPath.parse(path);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new ConfigProblem(key, e.getMessage()));
        }
    }

    public List<String> streams() {
        return config.getList(STREAMS);
    }

    /** The route of {@code stream}, or null when this config does not serve it. */
    public StreamRoute lookup(String stream) {
        if (anyStream == null) {
            return routes.get(stream);
        }
        return STREAM_NAME.matcher(stream).matches() ? anyStream.named(stream, topicFor(stream)) : null;
    }

    /** The topic of {@code stream}, by its own key or the template. */
    public String topicFor(String stream) {
        String own = ownString(stream, TOPIC);
        return own != null && !own.isBlank() ? own : config.getString(TOPIC_TEMPLATE).replace("${stream}", stream);
    }

    /** Every topic the listed streams write to (empty when any stream is accepted). */
    public List<String> topics() {
        return routes.values().stream().map(StreamRoute::topic).distinct().toList();
    }

    private StreamRoute route(String stream) {
        EventReader reader = stream == null ? new SchemalessEventReader()
                : reader(orEmpty(ownString(stream, SCHEMA)), orEmpty(ownString(stream, SCHEMA_FILE)),
                        "reject".equalsIgnoreCase(config.getString(UNKNOWN_FIELDS)));
        String timeField = stream == null ? null : ownString(stream, EVENT_TIME_FIELD);
        String idField = stream == null ? null : ownString(stream, EVENT_ID_FIELD);
        timeField = timeField != null ? timeField : config.getString(EVENT_TIME_FIELD);
        idField = idField != null ? idField : config.getString(EVENT_ID_FIELD);
        EventTimeParser.Format format = EventTimeParser.Format.valueOf(
                config.getString(EVENT_TIME_FORMAT).toUpperCase(Locale.ROOT));
        return new StreamRoute(stream, stream == null ? null : topicFor(stream), reader,
                timeField.isBlank() ? null : FieldPath.parse(timeField),
                new EventTimeParser(format, null, ZoneOffset.UTC),
                idField.isBlank() ? null : FieldPath.parse(idField),
                ValueFormat.of(config.getString(VALUE_FORMAT)) == ValueFormat.JSON);
    }

    private static EventReader reader(String inline, String file, boolean rejectUnknownFields) {
        if (!inline.isBlank()) {
            return AvroEventReader.parse(inline, rejectUnknownFields);
        }
        if (!file.isBlank()) {
            return AvroEventReader.fromFile(Path.of(file), rejectUnknownFields);
        }
        return new SchemalessEventReader();
    }

    private String ownString(String stream, String suffix) {
        String key = streamKey(stream, suffix);
        return config.values().containsKey(key) ? config.getString(key) : null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
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

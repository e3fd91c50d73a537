package io.tributary.connect.smt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.tributary.connect.smt.plugin.TributaryVersion;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Assigns each record a session: a user's events belong to one session until a gap of inactivity (by event
 * time, the record timestamp — put {@link EventTime} first). Adds the session id and the session's start.
 *
 * <p>The id is {@link SessionIds#of derived} from the user and the session's start alone, so replaying the same
 * events in the same order per user — a batch backfill of what the stream saw — gives exactly the ids the stream
 * gave. That needs a user's records to reach one task in event-time order: key or partition the topic by user.
 * A record older than its user's current session's start cannot be placed; it gets a session of its own and the
 * header {@value #OUT_OF_ORDER_HEADER}.
 *
 * <p>State is one entry per user (the current session's start and last event), in a bounded map per task:
 * at most {@code max.users} entries, each dropped {@code state.ttl.ms} of wall-clock time after its user's last
 * event. Dropping an entry early splits a session, so size both generously; a restart or rebalance drops all.
 */
public final class Sessionize<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String USER_FIELD_CONFIG = "user.field";
    public static final String GAP_CONFIG = "gap.ms";
    public static final String ID_FIELD_CONFIG = "session.id.field";
    public static final String START_FIELD_CONFIG = "session.start.field";
    public static final String MAX_USERS_CONFIG = "max.users";
    public static final String TTL_CONFIG = "state.ttl.ms";
    public static final String OUT_OF_ORDER_HEADER = "tributary.session.out-of-order";

    private static final String GROUP = "Sessions";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(USER_FIELD_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Path of the field identifying the user, dotted for nested fields, e.g. "
                            + "'user.id'.",
                    GROUP, 1, Width.MEDIUM, "User field")
            .define(GAP_CONFIG, Type.LONG, Duration.ofMinutes(30).toMillis(), ConfigDef.Range.atLeast(1),
                    Importance.HIGH, "Inactivity that ends a session, in milliseconds of event time.",
                    GROUP, 2, Width.SHORT, "Gap (ms)")
            .define(ID_FIELD_CONFIG, Type.STRING, "session_id", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Field to add holding the session id (a UUID derived from the user and the session start).",
                    GROUP, 3, Width.MEDIUM, "Session id field")
            .define(START_FIELD_CONFIG, Type.STRING, "session_start", Importance.LOW,
                    "Field to add holding the session's start, epoch milliseconds. Not added when empty.",
                    GROUP, 4, Width.MEDIUM, "Session start field")
            .define(MAX_USERS_CONFIG, Type.LONG, 1_000_000L, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Most users whose session state a task keeps; beyond it the least used are dropped.",
                    GROUP, 5, Width.SHORT, "Max users")
            .define(TTL_CONFIG, Type.LONG, null, Importance.LOW,
                    "Wall-clock time after a user's last event when its state is dropped, in milliseconds; at "
                            + "least gap.ms. Default: twice gap.ms.",
                    GROUP, 6, Width.SHORT, "State TTL (ms)");

    private FieldPath user;
    private long gap;
    private AddedFields added;
    private boolean withStart;
    private Cache<String, Session> sessions;
    private Ticker ticker = Ticker.systemTicker();

    /** A user's current session, as of its newest event. */
    private record Session(long start, long last) {
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        user = FieldPath.parse(config.getString(USER_FIELD_CONFIG));
        gap = config.getLong(GAP_CONFIG);
        Long ttl = config.getLong(TTL_CONFIG);
        long ttlMillis = ttl == null ? 2 * gap : ttl;
        if (ttlMillis < gap) {
            throw new ConfigException(TTL_CONFIG, ttl, "must be at least " + GAP_CONFIG + " (" + gap + ")");
        }
        String idField = config.getString(ID_FIELD_CONFIG).trim();
        String startField = config.getString(START_FIELD_CONFIG);
        withStart = startField != null && !startField.isBlank();
        Map<String, Schema> fields = new LinkedHashMap<>();
        fields.put(idField, Schema.OPTIONAL_STRING_SCHEMA);
        if (withStart) {
            if (startField.trim().equals(idField)) {
                throw new ConfigException(START_FIELD_CONFIG, startField, "must differ from " + ID_FIELD_CONFIG);
            }
            fields.put(startField.trim(), Schema.OPTIONAL_INT64_SCHEMA);
        }
        added = new AddedFields("Sessionize", fields);
        sessions = Caffeine.newBuilder()
                .maximumSize(config.getLong(MAX_USERS_CONFIG))
                .expireAfterAccess(Duration.ofMillis(ttlMillis))
                .executor(Runnable::run)  // evict in the task thread: no pool threads per transform
                .ticker(() -> ticker.read())
                .build();
    }

    /** For tests: the clock that ages state. */
    void ticker(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public R apply(R record) {
        Object value = record.value();
        if (value == null) {
            return record;
        }
        Long eventTime = record.timestamp();
        if (eventTime == null) {
            throw new DataException("Sessionize: record " + RecordDescription.of(record) + " has no timestamp; put "
                    + "EventTime before Sessionize to take the event time from a field");
        }
        String userId = userId(user.get(value), record);
        Session current = sessions.getIfPresent(userId);
        long start;
        Headers headers = record.headers();
        if (current == null || eventTime - current.last() >= gap) {
            start = eventTime;
            sessions.put(userId, new Session(eventTime, eventTime));
        } else if (eventTime < current.start()) {
            start = eventTime;  // before the session it would belong to began: placed on its own, and flagged
            headers = headers.duplicate().addBoolean(OUT_OF_ORDER_HEADER, true);
        } else {
            start = current.start();
            if (eventTime > current.last()) {
                sessions.put(userId, new Session(start, eventTime));
            }
        }
        String id = SessionIds.of(userId, start);
        Schema schema = value instanceof Struct struct ? added.schema(struct.schema()) : record.valueSchema();
        Object out = withStart ? added.add(record, value, schema, id, start) : added.add(record, value, schema, id);
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
                out, record.timestamp(), headers);
    }

    /** Users are told apart by text, so a user id read as an int, a long or a string is one user. */
    private String userId(Object value, R record) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return Long.toString(((Number) value).longValue());
        }
        throw new DataException("Sessionize: field '" + user + "' must be a string or a whole number, but is "
                + (value == null ? "missing or null" : value.getClass().getSimpleName()) + " in record "
                + RecordDescription.of(record));
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }

    @Override
    public void close() {
        if (sessions != null) {
            sessions.invalidateAll();
        }
    }
}

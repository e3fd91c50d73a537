package io.tributary.connect.events.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The bounds that keep a task's memory flat whatever clients send: request size, queue size, waiting time. */
public final class LimitSettings {

    public static final String REQUEST_MAX_BYTES = "request.max.bytes";
    public static final String REQUEST_MAX_EVENTS = "request.max.events";
    public static final String QUEUE_MAX_EVENTS = "queue.max.events";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String POLL_MAX_RECORDS = "poll.max.records";

    private static final String GROUP = "Limits";

    private final AbstractConfig config;

    LimitSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(REQUEST_MAX_BYTES, Type.INT, 1_048_576, Range.between(1_024, 64 * 1_048_576),
                        Importance.MEDIUM, "Largest request body accepted; a larger one gets 413.",
                        GROUP, 1, Width.SHORT, "Max request bytes")
                .define(REQUEST_MAX_EVENTS, Type.INT, 1_000, Range.between(1, 100_000), Importance.MEDIUM,
                        "Most events in one request; a request with more gets 413.",
                        GROUP, 2, Width.SHORT, "Max events per request")
                .define(QUEUE_MAX_EVENTS, Type.INT, 20_000, Range.between(1, 10_000_000), Importance.MEDIUM,
                        "Most events a task holds that Kafka has not acknowledged yet. A request that does not "
                                + "fit gets 429 with Retry-After: the queue never grows past this.",
                        GROUP, 3, Width.SHORT, "Max queued events")
                .define(REQUEST_TIMEOUT_MS, Type.LONG, 10_000L, Range.between(100L, 600_000L), Importance.MEDIUM,
                        "How long a request waits for Kafka to acknowledge its events before it gets 503. "
                                + "Events still queued then are never written; events already handed to Kafka "
                                + "may be, so a client retries with the same event ids or Idempotency-Key.",
                        GROUP, 4, Width.SHORT, "Request timeout (ms)")
                .define(POLL_MAX_RECORDS, Type.INT, 2_000, Range.between(1, 100_000), Importance.LOW,
                        "Most records one poll hands to the worker. With exactly-once support a poll is one "
                                + "transaction.",
                        GROUP, 5, Width.SHORT, "Max records per poll");
    }

    public int requestMaxBytes() {
        return config.getInt(REQUEST_MAX_BYTES);
    }

    public int requestMaxEvents() {
        return config.getInt(REQUEST_MAX_EVENTS);
    }

    public int queueMaxEvents() {
        return config.getInt(QUEUE_MAX_EVENTS);
    }

    public long requestTimeoutMs() {
        return config.getLong(REQUEST_TIMEOUT_MS);
    }

    public int pollMaxRecords() {
        return config.getInt(POLL_MAX_RECORDS);
    }
}

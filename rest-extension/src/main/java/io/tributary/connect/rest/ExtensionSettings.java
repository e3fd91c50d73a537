package io.tributary.connect.rest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The extension's settings, read from the worker's properties (every key starts with {@code tributary.}),
 * and the Kafka client settings it borrows from the worker to read offsets.
 */
final class ExtensionSettings {

    static final String PEER_TIMEOUT = "tributary.rest.peer.timeout.ms";
    static final String MAX_SINK_LAG = "tributary.health.sink.max.lag.records";
    static final String MAX_FRESHNESS = "tributary.health.sink.max.freshness.ms";
    static final String MAX_INCREMENTAL_LAG = "tributary.health.jdbc.max.incremental.lag.ms";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(PEER_TIMEOUT, ConfigDef.Type.LONG, 5_000L, ConfigDef.Range.atLeast(100),
                    ConfigDef.Importance.LOW, "How long a worker waits for each other worker's figures before it "
                            + "reports that worker as not answering")
            .define(MAX_SINK_LAG, ConfigDef.Type.LONG, -1L, ConfigDef.Importance.MEDIUM,
                    "/tributary/health answers 503 when a sink partition lags more records than this; -1: no limit")
            .define(MAX_FRESHNESS, ConfigDef.Type.LONG, -1L, ConfigDef.Importance.MEDIUM,
                    "/tributary/health answers 503 when a sink table's newest committed record is older than this "
                            + "many milliseconds; -1: no limit")
            .define(MAX_INCREMENTAL_LAG, ConfigDef.Type.LONG, -1L, ConfigDef.Importance.MEDIUM,
                    "/tributary/health answers 503 when a JDBC source table in an incremental mode lags the "
                            + "database by more than this many milliseconds; -1: no limit");

    /** Limits /tributary/health checks; a negative value is no limit. */
    record Thresholds(long maxSinkLag, long maxFreshnessMs, long maxIncrementalLagMs) {

        /** These thresholds with those a request names ({@code ?max-lag=}, ...) in their place. */
        Thresholds overriddenBy(Long maxLag, Long maxFreshness, Long maxIncremental) {
            return new Thresholds(maxLag != null ? maxLag : maxSinkLag,
                    maxFreshness != null ? maxFreshness : maxFreshnessMs,
                    maxIncremental != null ? maxIncremental : maxIncrementalLagMs);
        }
    }

    private final Duration peerTimeout;
    private final Thresholds thresholds;
    private final Map<String, Object> kafkaClients;

    ExtensionSettings(Map<String, ?> workerProps) {
        Map<String, Object> ours = new HashMap<>();
        workerProps.forEach((key, value) -> {
            if (CONFIG_DEF.names().contains(key)) {
                ours.put(key, value);
            }
        });
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, ours, false);
        peerTimeout = Duration.ofMillis(config.getLong(PEER_TIMEOUT));
        thresholds = new Thresholds(config.getLong(MAX_SINK_LAG), config.getLong(MAX_FRESHNESS),
                config.getLong(MAX_INCREMENTAL_LAG));
        kafkaClients = kafkaClients(workerProps);
    }

    Duration peerTimeout() {
        return peerTimeout;
    }

    Thresholds thresholds() {
        return thresholds;
    }

    /**
     * What the worker's own admin client is configured with: its connection and security settings
     * ({@code bootstrap.servers}, {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, ...), overridden by
     * {@code admin.}-prefixed ones, as Connect does.
     */
    Map<String, Object> kafkaClients() {
        return kafkaClients;
    }

    private static Map<String, Object> kafkaClients(Map<String, ?> workerProps) {
        Set<String> names = AdminClientConfig.configNames();
        Map<String, Object> clients = new HashMap<>();
        workerProps.forEach((key, value) -> {
            if (names.contains(key)) {
                clients.put(key, value);
            }
        });
        workerProps.forEach((key, value) -> {
            if (key.startsWith("admin.") && names.contains(key.substring("admin.".length()))) {
                clients.put(key.substring("admin.".length()), value);
            }
        });
        clients.remove(AdminClientConfig.CLIENT_ID_CONFIG);
        clients.remove(AdminClientConfig.METRIC_REPORTER_CLASSES_CONFIG);
        return clients;
    }
}

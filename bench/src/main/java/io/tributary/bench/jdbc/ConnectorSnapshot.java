package io.tributary.bench.jdbc;

import static io.tributary.bench.jdbc.JdbcSnapshotBenchmark.PARTITIONS;

import io.tributary.bench.common.CpuSplit;
import io.tributary.bench.jdbc.JdbcSnapshotBenchmark.SnapshotResults;
import java.time.Duration;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source connector under test, for one fork: the embedded stack and the filled table for the whole trial,
 * and for every iteration a new topic and a new connector (so new offsets: each shot is a first snapshot).
 */
@State(Scope.Benchmark)
public abstract class ConnectorSnapshot {

    private static final Duration LANDING_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorSnapshot.class);

    /** Rows in the table; {@code -p rows=50000} makes a quick smoke run. */
    @Param("1000000")
    public int rows;

    SnapshotStack stack;
    private int iteration;
    private String connector;
    private String topic;
    private Map<String, String> config;
    private TopicRows topicRows;
    private SnapshotResults results;

    /** For the log. */
    abstract String connectorName();

    /** Whether the worker runs source connectors exactly-once. */
    boolean exactlyOnce() {
        return false;
    }

    /** The topic a connector named for {@code run} writes the table to. */
    abstract String topic(String run);

    /** The connector's config for {@code run}, writing to {@link #topic(String)}. */
    abstract Map<String, String> connectorConfig(String run, String topic);

    /** What a connector leaves behind in the database after it was deleted. */
    void cleanUpAfter(OrdersDatabase database) {
    }

    @Setup(Level.Trial)
    public void startStack() {
        stack = SnapshotStack.start(rows, exactlyOnce());
    }

    @Setup(Level.Iteration)
    public void prepareTopic() {
        String run = "run" + ++iteration;
        connector = "source-" + run;
        topic = topic(run);
        config = connectorConfig(run, topic);
        stack.createTopic(topic, PARTITIONS);
        topicRows = new TopicRows(stack.bootstrapServers(), topic, PARTITIONS);
    }

    /**
     * Creates the connector and waits until every row is in the topic for a read_committed reader. The time
     * runs from the request that creates the connector, so it includes the connector's start.
     */
    void shoot(SnapshotResults results) {
        CpuSplit cpu = new CpuSplit();
        long start = System.nanoTime();
        stack.createConnector(connector, config);
        long landed = topicRows.awaitAtLeast(rows, LANDING_TIMEOUT, () -> stack.status(connector));
        results.rowsPerSecond = rows / ((landed - start) / 1e9);
        LOG.info("{}: {} rows in the topic after {} ms; CPU {}", connectorName(), rows,
                (landed - start) / 1_000_000, cpu.since());
        this.results = results;
    }

    /** Checks outside the timing that no row came twice, then removes the connector. */
    @TearDown(Level.Iteration)
    public void checkAndDeleteConnector(IterationParams iteration) {
        try {
            if (results != null) {
                long seen = topicRows.drain(LANDING_TIMEOUT);
                if (seen != rows) {
                    throw new IllegalStateException(connector + " wrote " + seen + " rows for a table of " + rows);
                }
                LOG.info("{}{}: {} rows/s ({} rows, {} end markers)", connectorName(),
                        iteration.getType() == IterationType.WARMUP ? " warm-up" : "",
                        Math.round(results.rowsPerSecond), seen, topicRows.markers());
            }
        } finally {
            results = null;
            topicRows.close();
            stack.deleteConnector(connector);
            cleanUpAfter(stack.database());
        }
    }

    @TearDown(Level.Trial)
    public void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }
}

package io.tributary.bench.sink;

import static io.tributary.bench.sink.SinkThroughputBenchmark.PARTITIONS;

import io.tributary.bench.common.CpuSplit;
import io.tributary.bench.sink.SinkThroughputBenchmark.SinkResults;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.catalog.TableIdentifier;
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
 * One sink connector under test, for one fork: the embedded stack for the whole trial, and for every
 * iteration a new topic, table and connector, so that no shot starts from another's state.
 */
@State(Scope.Benchmark)
public abstract class SinkRun {

    /** Probes after the bulk; the median of an odd number is one of them. */
    static final int PROBES = 9;
    private static final Duration LANDING_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(SinkRun.class);

    @Param({"1", "2"})
    public int tasks;

    /** How many records a shot produces; {@code -p records=50000} makes a quick smoke run. */
    @Param("1000000")
    public int records;

    SinkStack stack;
    private byte[][] values;
    private final Random pauses = new Random(42);  // pauses and partitions of the probes
    private int iteration;
    private String topic;
    private String connector;
    private Landing rows;
    private SinkResults results;

    /** For the log. */
    abstract String sinkName();

    /** The connector's config for this run; may create what the connector needs first. */
    abstract Map<String, String> connectorConfig(String topic, String table, String run);

    @Setup(Level.Trial)
    public void startStack() {
        stack = SinkStack.start();
        values = ClickRecords.generate(records);
    }

    @Setup(Level.Iteration)
    public void startConnector() {
        String run = "run" + ++iteration;
        topic = "clicks-" + run;
        connector = "sink-" + run;
        String table = "bench.clicks_" + run;
        stack.createTopic(topic, PARTITIONS);
        stack.startConnector(connector, connectorConfig(topic, table, run), tasks, PARTITIONS);
        rows = landing(topic, TableIdentifier.parse(table));
    }

    /** Where this sink's records land: the table's committed rows, unless the sink writes no table. */
    Landing landing(String topic, TableIdentifier table) {
        return new CommittedRows(stack.lake().catalog(), table);
    }

    /**
     * Produces the records and waits until all are committed. Records/s runs from the first record sent to
     * the last row visible, so production (which the sink overlaps) is inside it.
     */
    void shoot(SinkResults results) {
        CpuSplit cpu = new CpuSplit();
        long start = System.nanoTime();
        stack.producer().sendAll(topic, values, PARTITIONS);
        long produced = System.nanoTime();
        long landed = rows.awaitAtLeast(records, LANDING_TIMEOUT, () -> stack.status(connector));
        results.recordsPerSecond = records / ((landed - start) / 1e9);
        LOG.info("{} tasks={}: {} records produced in {} ms, all landed after {} ms {}; CPU {}",
                sinkName(), tasks, records, (produced - start) / 1_000_000, (landed - start) / 1_000_000,
                rows.describe(), cpu.since());
        checkCount(records);
        rows.check();
        this.results = results;
    }

    /**
     * Freshness, measured after the shot and outside JMH's timing: JMH reads the aux counters only after the
     * iteration's tear-down. Not after warm-up shots, whose counters nobody reads.
     */
    @TearDown(Level.Iteration)
    public void probeAndDeleteConnector(IterationParams iteration) {
        try {
            if (results != null && iteration.getType() == IterationType.MEASUREMENT) {
                double[] freshness = probeFreshness();
                results.freshnessP50Millis = freshness[freshness.length / 2];
                LOG.info("{} tasks={}: {} records/s; freshness ms {}", sinkName(), tasks,
                        Math.round(results.recordsPerSecond), Arrays.toString(freshness));
            } else if (results != null) {
                LOG.info("{} tasks={} warm-up: {} records/s", sinkName(), tasks, Math.round(results.recordsPerSecond));
            }
        } finally {
            results = null;
            stack.deleteConnector(connector);
        }
    }

    /**
     * Sends single records, each to a random partition after a random pause of up to one commit interval (so
     * that they arrive at every phase of the sinks' commit cycles, and with 2 tasks at either task), and times
     * each from its send to its row being visible.
     *
     * @return the freshness of each probe in milliseconds, sorted
     */
    private double[] probeFreshness() {
        double[] millis = new double[PROBES];
        for (int i = 0; i < PROBES; i++) {
            pause(pauses.nextInt(SinkConnectors.COMMIT_INTERVAL_MS));
            long id = records + i;
            int partition = pauses.nextInt(PARTITIONS);
            long sent = System.nanoTime();
            stack.producer().sendOne(topic, partition, ClickRecords.probe(id, System.currentTimeMillis()));
            long visible = rows.awaitAtLeast(id + 1, LANDING_TIMEOUT, () -> stack.status(connector));
            millis[i] = (visible - sent) / 1e6;
        }
        checkCount(records + PROBES);
        Arrays.sort(millis);
        return millis;
    }

    /** A sink that wrote a record twice would look faster than it is. */
    private void checkCount(long expected) {
        long landed = rows.count();
        if (landed != expected) {
            throw new IllegalStateException(connector + ": " + landed + " records " + rows + " for " + expected
                    + " produced");
        }
    }

    @TearDown(Level.Trial)
    public void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}

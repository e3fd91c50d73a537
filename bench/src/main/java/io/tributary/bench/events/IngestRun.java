package io.tributary.bench.events;

import io.tributary.bench.common.CpuSplit;
import io.tributary.bench.events.EventsIngestBenchmark.IngestResults;
import java.util.List;
import java.util.Locale;
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
 * One way into Kafka under test, for one fork: the embedded stack and the events for the whole trial, and
 * per iteration one shot of the load {@code rate} names.
 */
@State(Scope.Benchmark)
public abstract class IngestRun {

    /** Client threads of the closed loop, each with one batch in flight. */
    static final int CLIENTS = 8;
    /** How long a paced shot offers its rate, at most (it sends no more than {@code events}). */
    static final int PACED_SECONDS = 20;
    static final String MAX = "max";
    private static final Logger LOG = LoggerFactory.getLogger(IngestRun.class);

    /**
     * {@code max}: {@link #CLIENTS} clients in a closed loop, as fast as the acknowledgements come back; a number:
     * that many events per second, offered open loop in batches of {@link ClickBatches#SIZE}.
     */
    @Param({MAX, "10000"})
    public String rate;

    /** Partitions of the topic; {@code -p partitions=1,3} compares. */
    @Param("1")
    public int partitions;

    /**
     * The HTTP clients' library: {@code jetty} (one client for the trial) or {@code jdk} (the JDK's, one per
     * shot), for the events source; the raw producer has no HTTP and ignores it. A parameter of every system so
     * that the ceiling's rows stand beside the source's: {@code -p client=jdk} for the JDK's.
     */
    @Param("jetty")
    public String client;

    /** Events a closed-loop shot sends (a paced one sends at most these); {@code -p events=50000} for a smoke run. */
    @Param("1000000")
    public int events;

    IngestStack stack;
    ClickBatches batches;
    private boolean measuring;

    /** For the log. */
    abstract String systemName();

    /** Makes ready what the shots send through, once the stack runs. */
    abstract void prepare();

    /** What sends this shot's batches. */
    abstract BatchSender sender();

    /** What to add to a failure's message: the connector's status, say. */
    abstract String state();

    /** Releases what {@link #prepare} made. */
    abstract void release();

    /** Whether JMH keeps this iteration's results: failures fail a measured shot only. */
    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @Setup(Level.Trial)
    public void startStack() {
        if (!MAX.equals(rate) && Integer.parseInt(rate) % ClickBatches.SIZE != 0) {
            throw new IllegalArgumentException("rate must be max or a multiple of " + ClickBatches.SIZE);
        }
        batches = ClickBatches.generate(events);
        stack = IngestStack.start(partitions);
        prepare();
        LOG.info("{}: {} events of {} bytes on average in batches of {}, topic {} with {} partition(s)", systemName(),
                events, String.format(Locale.ROOT, "%.1f", batches.meanEventBytes()), ClickBatches.SIZE,
                IngestStack.TOPIC, partitions);
    }

    void shoot(IngestResults results) {
        long before = sum(stack.endOffsets());
        CpuSplit cpu = new CpuSplit();
        IngestLoad.Result shot = MAX.equals(rate)
                ? IngestLoad.closedLoop(sender(), batches.batches(), CLIENTS)
                : IngestLoad.paced(sender(), pacedBatches(), Integer.parseInt(rate) / (double) ClickBatches.SIZE);
        String cpuUsed = cpu.since();
        List<Long> endOffsets = stack.endOffsets();
        long acknowledged = (long) shot.acknowledged() * ClickBatches.SIZE;
        LOG.info(String.format(Locale.ROOT, "%s rate=%s partitions=%d%s: %d events acknowledged in %d ms, %.0f "
                        + "events/s; ack ms p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f%s; end offsets %s; "
                        + "CPU %s",
                systemName(), rate, partitions, measuring ? "" : " warm-up", acknowledged, shot.nanos() / 1_000_000,
                shot.eventsPerSecond(), shot.percentileMillis(50), shot.percentileMillis(90),
                shot.percentileMillis(99), shot.percentileMillis(99.9), shot.maxMillis(), MAX.equals(rate) ? ""
                        : String.format(Locale.ROOT, "; pacer at most %.2f ms late", shot.maxSendLagMicros() / 1e3),
                endOffsets, cpuUsed));
        if (shot.failures().count() > 0) {
            String failure = systemName() + " rate=" + rate + (measuring ? "" : " warm-up") + ": "
                    + shot.failures().describe() + state();
            LOG.error(failure);
            // A warm-up shot may meet a cold JVM that cannot keep up yet; its results are discarded anyway.
            if (measuring) {
                throw new IllegalStateException(failure);
            }
        }
        long written = sum(endOffsets) - before;
        long sent = acknowledged + (long) shot.failures().count() * ClickBatches.SIZE;
        if (written < acknowledged || written > sent) {
            throw new IllegalStateException(systemName() + " acknowledged " + acknowledged + " events but the topic "
                    + "grew by " + written + " records; end offsets " + endOffsets + state());
        }
        results.eventsPerSecond = shot.eventsPerSecond();
        results.ackP50Millis = shot.percentileMillis(50);
        results.ackP99Millis = shot.percentileMillis(99);
        results.ackMaxMillis = shot.maxMillis();
    }

    private int pacedBatches() {
        return Math.min(batches.batches(), Integer.parseInt(rate) * PACED_SECONDS / ClickBatches.SIZE);
    }

    private static long sum(List<Long> offsets) {
        return offsets.stream().mapToLong(Long::longValue).sum();
    }

    @TearDown(Level.Trial)
    public void stopStack() {
        try {
            release();
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }
}

package io.tributary.connect.events.metrics;

import io.tributary.connect.events.ingest.Rejection;
import io.tributary.connect.smt.plugin.TaskReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one events task counts, published as gauges through the worker (docs/events-source.md lists them).
 *
 * <p>Counters only grow; rates are the monitoring system's job. Ack latency — from a request's arrival to the
 * moment its last record is acknowledged — is kept in an HdrHistogram over a sliding interval of
 * {@value #LATENCY_WINDOW_SECONDS} s, so p50 and p99 read in one scrape describe the same requests.
 *
 * <p>The task's live report ({@code /tributary/pipelines}) adds what is not a number: the address served and
 * the most frequent rejection reasons. Reasons name a field, never its value, so they hold no event data.
 */
public final class EventsMetrics implements AutoCloseable {

    static final long LATENCY_WINDOW_SECONDS = 30;
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    /** Distinct reasons counted; further ones count as {@value #OTHER_REASONS}, so memory stays bounded. */
    static final int MAX_REASONS = 100;
    static final String OTHER_REASONS = "(other reasons)";
    static final int TOP_REASONS = 5;

    private final LongAdder requests = new LongAdder();
    private final LongAdder requestsRejected = new LongAdder();
    private final LongAdder requestsUnavailable = new LongAdder();
    private final LongAdder eventsAccepted = new LongAdder();
    private final LongAdder eventsRejected = new LongAdder();
    private final LongAdder eventsDeadLettered = new LongAdder();
    private final LongAdder eventsDropped = new LongAdder();
    private final Recorder latency = new Recorder(HIGHEST_MICROS, 3);
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final TaskReport worker;
    private volatile String serving;
    private Histogram window;
    private long windowStartNanos = System.nanoTime();

    public EventsMetrics(TaskReport worker, IntSupplier queued, IntSupplier inFlight) {
        this.worker = worker;
        Map<String, String> none = Map.of();
        worker.gauge("requests-total", "HTTP requests received on the events endpoint", none, requests::sum);
        worker.gauge("requests-rejected-total", "Requests answered 4xx: bad input, authentication, unknown "
                + "stream, too large", none, requestsRejected::sum);
        worker.gauge("requests-unavailable-total", "Requests answered 429 or 503: queue full, timed out, "
                + "task stopping", none, requestsUnavailable::sum);
        worker.gauge("events-accepted-total", "Events acknowledged by Kafka and answered 200", none,
                eventsAccepted::sum);
        worker.gauge("events-rejected-total", "Invalid events, reported to the client by index", none,
                eventsRejected::sum);
        worker.gauge("events-dead-lettered-total", "Invalid events written to the dead-letter topic", none,
                eventsDeadLettered::sum);
        worker.gauge("events-dropped-total", "Accepted events the worker settled without writing them "
                + "(a transform filtered them, or errors.tolerance=all skipped them)", none, eventsDropped::sum);
        worker.gauge("requests-in-flight", "Requests admitted and not answered yet", none, inFlight::getAsInt);
        worker.gauge("queue-depth", "Records held: queued, or handed to the worker and not acknowledged",
                none, queued::getAsInt);
        worker.gauge("ack-latency-p50-ms", "Median time from a request's arrival to its acknowledgement, "
                + "over the last " + LATENCY_WINDOW_SECONDS + " s", none, () -> percentileMillis(50));
        worker.gauge("ack-latency-p99-ms", "99th percentile of the acknowledgement time, over the last "
                + LATENCY_WINDOW_SECONDS + " s", none, () -> percentileMillis(99));
        worker.gauge("ack-latency-max-ms", "Longest acknowledgement time, over the last "
                + LATENCY_WINDOW_SECONDS + " s", none, () -> percentileMillis(100));
        worker.detail("serving", none, () -> serving);
        worker.detail("top-rejection-reasons", none, this::topReasons);
    }

    /** The endpoint's base URL, once the server listens. */
    public void serving(String url) {
        serving = url;
    }

    public void request() {
        requests.increment();
    }

    /** A request answered with {@code status}. */
    public void answered(int status) {
        if (status == 429 || status == 503) {
            requestsUnavailable.increment();
        } else if (status >= 400 && status < 500) {
            requestsRejected.increment();
        }
    }

    public void accepted(int events, int dropped, long latencyNanos) {
        eventsAccepted.add(events);
        eventsDropped.add(dropped);
        latency.recordValue(Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
    }

    public void rejected(List<Rejection> rejections, int deadLettered) {
        eventsRejected.add(rejections.size());
        eventsDeadLettered.add(deadLettered);
        for (Rejection rejection : rejections) {
            String reason = reasons.size() < MAX_REASONS || reasons.containsKey(rejection.reason())
                    ? rejection.reason() : OTHER_REASONS;
            reasons.computeIfAbsent(reason, key -> new LongAdder()).increment();
        }
    }

    /** The most frequent rejection reasons since the task started, with their counts, most frequent first. */
    public Map<String, Long> topReasons() {
        Map<String, Long> top = new LinkedHashMap<>();
        reasons.entrySet().stream()
                .map(reason -> Map.entry(reason.getKey(), reason.getValue().sum()))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_REASONS)
                .forEach(reason -> top.put(reason.getKey(), reason.getValue()));
        return top;
    }

    public long eventsAccepted() {
        return eventsAccepted.sum();
    }

    public long eventsRejected() {
        return eventsRejected.sum();
    }

    /** {@code percentile} of the ack latency in the current window, in milliseconds (0 when empty). */
    public synchronized double percentileMillis(double percentile) {
        long now = System.nanoTime();
        if (window == null || now - windowStartNanos >= TimeUnit.SECONDS.toNanos(LATENCY_WINDOW_SECONDS)) {
            window = latency.getIntervalHistogram(window);
            windowStartNanos = now;
        }
        long micros = percentile >= 100 ? window.getMaxValue() : window.getValueAtPercentile(percentile);
        return micros / 1000.0;
    }

    @Override
    public void close() {
        worker.close();
    }
}

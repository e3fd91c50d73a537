package io.tributary.connect.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Runs an {@link EventsSourceTask} the way a worker does — start, a thread that polls, commitRecord once a
 * record is "in Kafka", stop — with the test deciding when records are acknowledged. The HTTP side is real:
 * the task's own Jetty server on a free port, and the JDK's HTTP client.
 */
public final class TaskHarness implements AutoCloseable {

    private final EventsSourceTask task = new EventsSourceTask();
    private final Metrics metrics = new Metrics();
    private final List<SourceRecord> polled = new CopyOnWriteArrayList<>();
    private final List<SourceRecord> unacked = new ArrayList<>();
    private final HttpClient client;
    private final Thread worker;
    private volatile boolean autoAck;
    private volatile boolean polling = true;
    private volatile boolean running = true;
    private long nextOffset;

    private TaskHarness(Map<String, String> props, Map<String, Object> committedOffset, boolean autoAck,
            HttpClient client) {
        this.autoAck = autoAck;
        this.client = client;
        Map<String, String> config = new HashMap<>(props);
        config.putIfAbsent("http.port", "0");
        config.putIfAbsent("http.bind.address", "127.0.0.1");
        task.initialize(new Context(config, committedOffset, new PluginMetricsImpl(metrics,
                Map.of("connector", "events-test", "task", "0"))));
        task.start(config);
        worker = new Thread(this::work, "harness-worker");
        worker.setDaemon(true);
        worker.start();
    }

    /** A task whose records are acknowledged as soon as they are polled. */
    public static TaskHarness acking(Map<String, String> props) {
        return new TaskHarness(props, null, true, HttpClient.newHttpClient());
    }

    /** A task whose records wait for {@link #ackAll} or {@link #ack}. */
    public static TaskHarness holding(Map<String, String> props) {
        return new TaskHarness(props, null, false, HttpClient.newHttpClient());
    }

    public static TaskHarness resuming(Map<String, String> props, Map<String, Object> committedOffset) {
        return new TaskHarness(props, committedOffset, true, HttpClient.newHttpClient());
    }

    public static TaskHarness withClient(Map<String, String> props, HttpClient client) {
        return new TaskHarness(props, null, true, client);
    }

    private void work() {
        while (running) {
            try {
                if (!polling) {
                    Thread.sleep(5);
                    continue;
                }
                List<SourceRecord> records = task.poll();
                if (records == null) {
                    continue;
                }
                polled.addAll(records);
                if (autoAck) {
                    records.forEach(this::commit);
                } else {
                    synchronized (unacked) {
                        unacked.addAll(records);
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void commit(SourceRecord record) {
        task.commitRecord(record, new RecordMetadata(new TopicPartition(record.topic(), 0), nextOffset++, 0,
                System.currentTimeMillis(), 0, 0));
    }

    /** Acknowledges the first {@code count} records polled and not acknowledged yet. */
    public void ack(int count) {
        List<SourceRecord> batch;
        synchronized (unacked) {
            batch = new ArrayList<>(unacked.subList(0, count));
            unacked.subList(0, count).clear();
        }
        batch.forEach(this::commit);
    }

    public void ackAll() {
        ack(unackedCount());
    }

    /** Settles every unacknowledged record as dropped (metadata null), as a filtering transform does. */
    public void dropAll() {
        List<SourceRecord> batch;
        synchronized (unacked) {
            batch = new ArrayList<>(unacked);
            unacked.clear();
        }
        batch.forEach(record -> task.commitRecord(record, null));
    }

    /** Waits (up to 10 s) until {@code count} records are polled and not acknowledged. */
    public void awaitUnacked(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (unackedCount() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " unacknowledged records, have " + unackedCount());
            }
            Thread.sleep(10);
        }
    }

    public int unackedCount() {
        synchronized (unacked) {
            return unacked.size();
        }
    }

    /** Stops polling (records stay queued) until {@link #resumePolling}. */
    public void pausePolling() {
        polling = false;
    }

    public void resumePolling() {
        polling = true;
    }

    public List<SourceRecord> polled() {
        return polled;
    }

    public int port() {
        return task.port();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public HttpResponse<String> post(String stream, String contentType, String body, String... headers)
            throws Exception {
        return postAsync(stream, contentType, body, headers).get(30, TimeUnit.SECONDS);
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String stream, String contentType, String body,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/events/" + stream))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the task's gauge {@code name}. */
    public double metric(String name) {
        for (Map.Entry<MetricName, ? extends org.apache.kafka.common.Metric> entry : metrics.metrics().entrySet()) {
            if (entry.getKey().name().equals(name)) {
                return ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no metric " + name);
    }

    public void stopTask() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        task.stop();
    }

    @Override
    public void close() {
        if (running) {
            stopTask();
        }
        metrics.close();
    }

    private record Context(Map<String, String> configs, Map<String, Object> committed, PluginMetrics pluginMetrics)
            implements SourceTaskContext {

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return committed;
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    Map<Map<String, T>, Map<String, Object>> offsets = new HashMap<>();
                    partitions.forEach(partition -> offsets.put(partition, committed));
                    return offsets;
                }
            };
        }
    }
}

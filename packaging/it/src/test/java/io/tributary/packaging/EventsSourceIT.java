package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.FreePorts;
import io.tributary.testkit.PluginBundle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events source from the packaged zip in real workers, with and without exactly-once source support:
 * clients post while the task is restarted under them, and every event answered 200 must be in the topic
 * (read_committed), exactly once.
 */
class EventsSourceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;
    private static final int EVENTS_PER_REQUEST = 25;

    @TempDir
    static Path pluginPath;

    @BeforeAll
    static void unpack() throws Exception {
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
    }

    @Test
    void everyAcknowledgedEventIsCommittedExactlyOnceAcrossATaskRestart() throws Exception {
        try (ConnectCluster cluster = ConnectCluster.builder().name("events-eos").pluginPath(pluginPath)
                .exactlyOnceSource().start()) {
            runAcrossRestart(cluster, "eos", Map.of("exactly.once.support", "required"));
        }
    }

    /** And, on the way, that record.value.format=json writes each event's bytes through ByteArrayConverter. */
    @Test
    void everyAcknowledgedEventIsInTheTopicWithoutExactlyOnceToo() throws Exception {
        try (ConnectCluster cluster = ConnectCluster.builder().name("events-alo").pluginPath(pluginPath).start()) {
            runAcrossRestart(cluster, "alo", Map.of("record.value.format", "json",
                    "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"));
        }
    }

    private static void runAcrossRestart(ConnectCluster cluster, String name, Map<String, String> extra)
            throws Exception {
        String topic = "it." + name + ".clicks";
        cluster.createTopic(topic, 2);
        int port = FreePorts.loopback();
        Map<String, String> config = EventsSourceConfigs.serving(port, "clicks", "it." + name + ".${stream}");
        config.put("streams.clicks.event.id.field", "event_id");
        config.putAll(extra);
        String connector = "events-" + name;
        cluster.rest().putConnector(connector, config);
        cluster.awaitRunning(connector, 1, Duration.ofSeconds(60));

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicLong nextId = new AtomicLong();
        long stopAt = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/v1/events/clicks");
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < stopAt) {
                    List<String> ids = new ArrayList<>();
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < EVENTS_PER_REQUEST; i++) {
                        String id = "e-" + nextId.incrementAndGet();
                        ids.add(id);
                        body.append("{\"event_id\":\"").append(id).append("\",\"url\":\"/p/").append(i)
                                .append("\"}\n");
                    }
                    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            assertThat(JSON.readTree(response.body()).get("accepted").asInt())
                                    .isEqualTo(EVENTS_PER_REQUEST);
                            acknowledged.addAll(ids);
                        } else {
                            assertThat(response.statusCode()).as(response.body()).isIn(429, 503);
                            unanswered.incrementAndGet();
                        }
                    } catch (IOException e) {
                        unanswered.incrementAndGet();
                        Thread.sleep(50);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(4_000);
        int before = acknowledged.size();
        cluster.rest().send("POST", "/connectors/" + connector + "/tasks/0/restart", null);
        cluster.awaitRunning(connector, 1, Duration.ofSeconds(60));
        for (Future<?> poster : running) {
            poster.get();
        }
        clients.shutdown();
        assertThat(before).as("events acknowledged before the restart").isPositive();
        assertThat(acknowledged.size()).as("events acknowledged after the restart").isGreaterThan(before);

        cluster.readCommitted(topic, acknowledged.size(), Duration.ofSeconds(60));
        List<ConsumerRecord<byte[], byte[]>> records = cluster.readAllCommitted(topic, Duration.ofSeconds(60));
        Map<String, Long> copies = records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .collect(Collectors.groupingBy(key -> key, Collectors.counting()));
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(copies.keySet());
        assertThat(missing).as("acknowledged events missing from the topic").isEmpty();
        assertThat(copies.entrySet().stream().filter(copy -> copy.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("events written twice (clients never retried)").isEmpty();
        for (ConsumerRecord<byte[], byte[]> record : records.subList(0, 3)) {
            JsonNode value = JSON.readTree(record.value());
            assertThat(value.get("event_id").asText()).isEqualTo(new String(record.key(), StandardCharsets.UTF_8));
        }
        System.out.printf("events source IT (%s): %d acknowledged, %d written, %d requests unanswered%n", name,
                acknowledged.size(), records.size(), unanswered.get());
    }
}

package io.tributary.bench.events;

import io.tributary.bench.common.PluginDirs;
import io.tributary.bench.common.WorkerConnectors;
import io.tributary.testkit.Await;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * One embedded stack for a benchmark JVM: a KRaft broker with the topic {@link #TOPIC}, and one Connect worker
 * whose plugin path holds Tributary's bundle, unpacked from the built zip.
 */
final class IngestStack implements AutoCloseable {

    static final String TOPIC = "bench.clicks";
    static final String STREAM = "clicks";
    private static final String CONNECTOR = "events";
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final ConnectCluster cluster;
    private final Admin admin;
    private final int partitions;

    private IngestStack(ConnectCluster cluster, int partitions) {
        this.cluster = cluster;
        this.partitions = partitions;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    static IngestStack start(int partitions) {
        ConnectCluster cluster = ConnectCluster.builder().workers(1).pluginPath(PluginDirs.prepare()).start();
        try {
            cluster.createTopic(TOPIC, partitions);
            return new IngestStack(cluster, partitions);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Creates the events connector, one task, on a free port of the loopback interface, and waits until the
     * task runs and its server answers.
     *
     * @param jsonValues {@code record.value.format=json} with {@code ByteArrayConverter}, instead of schemaless
     *     maps through {@code JsonConverter}
     *
     * @return the stream's endpoint, {@code POST /v1/events/clicks}
     */
    URI startEventsConnector(boolean jsonValues) {
        int port = FreePorts.loopback();
        Map<String, String> config = new HashMap<>(Map.of(
                "connector.class", "io.tributary.connect.events.TributaryEventsSourceConnector",
                "tasks.max", "1",
                "http.bind.address", "127.0.0.1",
                "http.port", String.valueOf(port),
                "streams", STREAM,
                "topic.template", "bench.${stream}",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false"));
        if (jsonValues) {
            config.put("record.value.format", "json");
            config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        }
        cluster.rest().putConnector(CONNECTOR, config);
        cluster.awaitRunning(CONNECTOR, 1, STARTUP);
        URI base = URI.create("http://127.0.0.1:" + port);
        awaitHealthy(base.resolve("/health"));
        return base.resolve("/v1/events/" + STREAM);
    }

    /** The connector's status as the REST API reports it, for failure messages. */
    String status() {
        return WorkerConnectors.status(cluster, CONNECTOR);
    }

    /** The end offset of each of the topic's partitions: how many records each holds. */
    List<Long> endOffsets() {
        List<TopicPartition> topicPartitions = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
        try {
            Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(topicPartitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
            return topicPartitions.stream().map(p -> offsets.get(p).offset()).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the end offsets of " + TOPIC, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the end offsets of " + TOPIC, e.getCause());
        }
    }

    private void awaitHealthy(URI health) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build();
        String[] lastSeen = {"no answer yet"};
        Await.until("events source healthy at " + health, STARTUP, () -> {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                lastSeen[0] = response.statusCode() + " " + response.body();
                return response.statusCode() == 200 ? Boolean.TRUE : null;
            } catch (IOException e) {
                lastSeen[0] = e.toString();
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }, () -> lastSeen[0] + "; connector " + status());
    }

    @Override
    public void close() {
        admin.close();
        cluster.close();
    }
}

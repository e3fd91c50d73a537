package io.tributary.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

/**
 * A real single-process Kafka stack for integration tests: a KRaft broker and N Connect workers in
 * distributed mode (Kafka's {@link EmbeddedConnectCluster}), optionally loading plugins only from an
 * unpacked bundle in {@code plugin.path}.
 *
 * <pre>{@code
 * try (ConnectCluster cluster = ConnectCluster.builder().workers(3).pluginPath(dir).start()) {
 *     cluster.rest().putConnector("orders", config);
 *     cluster.awaitRunning("orders", 1, Duration.ofSeconds(60));
 *     List<ConsumerRecord<byte[], byte[]>> records = cluster.readCommitted("orders", 100, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Workers behind REST authentication (a {@code rest.extension.classes} such as Kafka's
 * {@code BasicAuthSecurityRestExtension}): give the builder the {@code Authorization} header to use
 * ({@link Builder#restAuthorization}); readiness is then checked with it and {@link #rest()} sends it. What
 * {@link #embedded()} offers still sends none.
 */
public final class ConnectCluster implements AutoCloseable {

    private static final Duration WORKER_START_TIMEOUT = Duration.ofMinutes(2);

    private final EmbeddedConnectCluster cluster;
    private final String restAuthorization;

    private ConnectCluster(EmbeddedConnectCluster cluster, String restAuthorization) {
        this.cluster = cluster;
        this.restAuthorization = restAuthorization;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Kafka's embedded cluster, for what this class does not wrap (adding or stopping workers, ...). */
    public EmbeddedConnectCluster embedded() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    /** The REST API of one worker (the first started that is still running), with the cluster's credentials. */
    public ConnectRest rest() {
        return rest(workerUrls().get(0));
    }

    /** The REST API of the worker at {@code workerUrl}, with the cluster's credentials if it has any. */
    public ConnectRest rest(URI workerUrl) {
        return new ConnectRest(workerUrl, restAuthorization);
    }

    /** The REST URL of every running worker. */
    public List<URI> workerUrls() {
        return cluster.workers().stream().map(WorkerHandle::url).sorted().toList();
    }

    public void createTopic(String topic, int partitions) {
        cluster.kafka().createTopic(topic, partitions);
    }

    /**
     * Waits until the connector and exactly {@code tasks} tasks are RUNNING. Fails at once, with the worker's
     * stack trace, if the connector or a task FAILED.
     */
    public JsonNode awaitRunning(String connector, int tasks, Duration timeout) {
        ConnectRest rest = rest();
        String[] lastSeen = {"no status yet"};
        return Await.until("connector '" + connector + "' RUNNING with " + tasks + " task(s)", timeout, () -> {
            JsonNode status;
            try {
                status = rest.status(connector);
            } catch (ConnectRestException e) {
                lastSeen[0] = e.getMessage();
                return null;
            }
            lastSeen[0] = status.toString();
            failOnFailure(connector, status);
            boolean connectorRunning = "RUNNING".equals(status.path("connector").path("state").asText());
            long runningTasks = StreamSupport.stream(status.path("tasks").spliterator(), false)
                    .filter(task -> "RUNNING".equals(task.path("state").asText())).count();
            return connectorRunning && runningTasks == tasks && status.path("tasks").size() == tasks ? status : null;
        }, () -> lastSeen[0]);
    }

    private static void failOnFailure(String connector, JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            throw new AssertionError("Connector '" + connector + "' FAILED: "
                    + status.path("connector").path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new AssertionError("Task " + task.path("id").asInt() + " of connector '" + connector
                        + "' FAILED: " + task.path("trace").asText());
            }
        }
    }

    /**
     * Reads {@code topic} from the beginning with {@code isolation.level=read_committed} until at least
     * {@code minRecords} records arrived, and returns every record read.
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int minRecords, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(topic)) {
            Await.until(minRecords + " committed record(s) in topic '" + topic + "'", timeout,
                    () -> drain(consumer, records, () -> records.size() >= minRecords),
                    () -> records.size() + " record(s)");
        }
        return records;
    }

    /**
     * Every committed record of {@code topic} as of now: reads from the beginning up to each partition's last
     * stable offset, so a test looking for duplicates sees the whole topic, not just a first {@code n}.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAllCommitted(String topic, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(topic)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
            BooleanSupplier reached = () -> ends.entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            Await.until("topic '" + topic + "' read up to " + ends, timeout, () -> drain(consumer, records, reached),
                    () -> records.size() + " record(s)");
        }
        return records;
    }

    /** Polls into {@code records} while polls bring records and {@code done} is false; TRUE once it is true. */
    private static Boolean drain(KafkaConsumer<byte[], byte[]> consumer, List<ConsumerRecord<byte[], byte[]>> records,
            BooleanSupplier done) {
        int fetched;
        do {
            int before = records.size();
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            fetched = records.size() - before;
        } while (fetched > 0 && !done.getAsBoolean());
        return done.getAsBoolean() ? Boolean.TRUE : null;
    }

    private KafkaConsumer<byte[], byte[]> committedReader(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "tributary-testkit-" + UUID.randomUUID());
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    @Override
    public void close() {
        cluster.stop();
    }

    /** Configures the stack; every setting has a default that works on one machine. */
    public static final class Builder {
        private int workers = 1;
        private String name = "tributary-" + UUID.randomUUID().toString().substring(0, 8);
        private final Map<String, String> workerProps = new HashMap<>();
        private final Properties brokerProps = new Properties();
        private String restAuthorization;

        private Builder() {
            // One broker: every internal topic, including the transaction log that exactly-once needs,
            // must accept a replication factor of 1, or InitProducerId times out.
            brokerProps.put("offsets.topic.replication.factor", "1");
            brokerProps.put("transaction.state.log.replication.factor", "1");
            brokerProps.put("transaction.state.log.min.isr", "1");
            brokerProps.put("auto.create.topics.enable", "false");
            workerProps.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            workerProps.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            workerProps.put("value.converter.schemas.enable", "false");
            workerProps.put("offset.flush.interval.ms", "1000");
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Loads plugins only from {@code pluginPath}, found by {@link java.util.ServiceLoader} (KIP-898
         * {@code plugin.discovery=service_load}), each bundle in its own isolated class loader.
         */
        public Builder pluginPath(Path pluginPath) {
            workerProps.put("plugin.path", pluginPath.toAbsolutePath().toString());
            workerProps.put("plugin.discovery", "service_load");
            return this;
        }

        /** Lets source connectors run exactly-once (KIP-618). */
        public Builder exactlyOnceSource() {
            workerProps.put("exactly.once.source.support", "enabled");
            return this;
        }

        public Builder workerProperty(String key, String value) {
            workerProps.put(key, value);
            return this;
        }

        public Builder brokerProperty(String key, String value) {
            brokerProps.put(key, value);
            return this;
        }

        /**
         * The workers' REST API wants this {@code Authorization} header (e.g. from
         * {@link ConnectRest#basicAuthorization}): the start waits for each worker's {@code GET /health} sent
         * with it, and {@link ConnectCluster#rest()} sends it. Configure the authentication itself with
         * {@link #workerProperty} ({@code rest.extension.classes}) and whatever it reads.
         */
        public Builder restAuthorization(String authorization) {
            this.restAuthorization = authorization;
            return this;
        }

        /** Starts the broker and the workers, and waits until every worker serves REST. */
        public ConnectCluster start() {
            // Kafka's cluster waits for its initial workers with GET /health without credentials, which a worker
            // behind REST authentication refuses: with credentials, start none there and add them here instead.
            EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                    .name(name)
                    .numWorkers(restAuthorization == null ? workers : 0)
                    .numBrokers(1)
                    .brokerProps(brokerProps)
                    .workerProps(new HashMap<>(workerProps))
                    .maskExitProcedures(true)
                    .build();
            cluster.start();
            try {
                if (restAuthorization == null) {
                    cluster.assertions().assertAtLeastNumWorkersAreUp(workers,
                            workers + " Connect worker(s) did not start");
                } else {
                    startWorkersWithCredentials(cluster);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cluster.stop();
                throw new IllegalStateException("Interrupted while starting Connect", e);
            } catch (RuntimeException | AssertionError e) {
                cluster.stop();
                throw e;
            }
            return new ConnectCluster(cluster, restAuthorization);
        }

        private void startWorkersWithCredentials(EmbeddedConnectCluster cluster) {
            List<WorkerHandle> started = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                started.add(cluster.addWorker());
            }
            for (WorkerHandle worker : started) {
                ConnectRest rest = new ConnectRest(worker.url(), restAuthorization);
                String[] lastSeen = {"no answer yet"};
                Await.until("Connect worker " + worker.url() + " healthy (GET /health with credentials)",
                        WORKER_START_TIMEOUT, () -> {
                            try {
                                return rest.send("GET", "health", null);
                            } catch (RuntimeException e) {
                                lastSeen[0] = e.getMessage();
                                throw e;
                            }
                        }, () -> lastSeen[0]);
            }
        }
    }
}

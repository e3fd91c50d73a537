package io.tributary.bench.sink;

import io.tributary.bench.common.PluginDirs;
import io.tributary.bench.common.WorkerConnectors;
import io.tributary.testkit.Await;
import io.tributary.testkit.ConnectCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * One embedded stack for a benchmark JVM: a KRaft broker and one Connect worker whose plugin path holds both
 * Tributary's bundle and Apache Iceberg's sink, and the {@link Lake} the sinks write and the benchmark reads.
 */
final class SinkStack implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final ConnectCluster cluster;
    private final Lake lake;
    private final Admin admin;
    private final ClickProducer producer;

    private SinkStack(ConnectCluster cluster, Lake lake) {
        this.cluster = cluster;
        this.lake = lake;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        this.producer = new ClickProducer(cluster.bootstrapServers());
    }

    static SinkStack start() {
        Path plugins = PluginDirs.prepare(PluginDirs.APACHE_ICEBERG_SINK);
        Lake lake = Lake.create();
        try {
            // The test kit's pluginPath() sets service_load discovery: both plugins declare themselves in
            // META-INF/services, so the worker finds them without scanning every class.
            ConnectCluster cluster = ConnectCluster.builder().workers(1).pluginPath(plugins).start();
            return new SinkStack(cluster, lake);
        } catch (RuntimeException | AssertionError e) {
            lake.close();
            throw e;
        }
    }

    Lake lake() {
        return lake;
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    ClickProducer producer() {
        return producer;
    }

    void createTopic(String topic, int partitions) {
        cluster.createTopic(topic, partitions);
    }

    /**
     * Creates the connector and waits until it runs and its consumer group has every partition of its topic
     * assigned, so that what follows measures the sink and not its start-up.
     */
    void startConnector(String name, Map<String, String> config, int tasks, int partitions) {
        cluster.rest().putConnector(name, config);
        cluster.awaitRunning(name, tasks, STARTUP);
        String group = "connect-" + name;
        Await.until("consumer group " + group + " with " + partitions + " partitions over " + tasks + " member(s)",
                STARTUP, () -> {
                    ConsumerGroupDescription description = describe(group);
                    int assigned = description.members().stream()
                            .mapToInt(member -> member.assignment().topicPartitions().size()).sum();
                    return assigned == partitions && description.members().size() == tasks ? description : null;
                }, () -> String.valueOf(describe(group).members().stream().map(MemberDescription::assignment)
                        .toList()));
    }

    /** The connector's status as the REST API reports it, for failure messages. */
    String status(String name) {
        return WorkerConnectors.status(cluster, name);
    }

    void deleteConnector(String name) {
        WorkerConnectors.delete(cluster, name);
    }

    private ConsumerGroupDescription describe(String group) {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing " + group, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not describe consumer group " + group, e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
        cluster.close();
        lake.close();
    }
}

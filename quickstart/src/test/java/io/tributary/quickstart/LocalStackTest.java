package io.tributary.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testkit.Await;
import io.tributary.testkit.ConnectRest;
import io.tributary.testkit.FreePorts;
import io.tributary.testkit.PluginBundle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's stack for real: a KRaft broker and a distributed Connect worker on the ports asked for, the
 * built bundle loaded from its plugin.path; and a taken port refused before anything starts.
 */
class LocalStackTest {

    @TempDir
    Path data;

    @Test
    void theBrokerAndTheWorkerRunOnTheGivenPortsWithTheBundlesPlugins() throws Exception {
        int kafkaPort = FreePorts.loopback();
        int connectPort = FreePorts.loopback();
        Path plugins = PluginBundle.unpack(PluginBundle.builtZip(), data.resolve("plugins"));
        try (LocalKafka kafka = LocalKafka.start(data, kafkaPort, FreePorts.loopback());
                LocalConnect connect = LocalConnect.start(kafka.bootstrapServers(), plugins, connectPort)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + kafkaPort);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("probe", 2, (short) 1))).all().get();
                Await.until("the new topic listed", Duration.ofSeconds(30), () -> {
                    try {
                        return admin.listTopics().names().get().contains("probe") ? true : null;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, () -> "topics: probe missing");
            }
            ConnectRest rest = new ConnectRest(URI.create(connect.restUrl()));
            List<String> classes = Await.until("the worker's plugins", Duration.ofSeconds(60), () -> {
                try {
                    List<String> found = rest.connectorPlugins().stream().map(ConnectRest.PluginInfo::className)
                            .toList();
                    return found.isEmpty() ? null : found;
                } catch (RuntimeException e) {
                    return null;  // REST not up yet
                }
            }, () -> "no answer from " + connect.restUrl());
            assertThat(classes).contains("io.tributary.connect.iceberg.TributaryIcebergSinkConnector",
                    "io.tributary.connect.jdbc.TributaryJdbcSourceConnector");
        }
    }

    @Test
    void aTakenPortIsRefusedNamingItsFlag() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Ports ports = new Ports(FreePorts.loopback(), FreePorts.loopback(), taken.getLocalPort(),
                    FreePorts.loopback(), FreePorts.loopback());
            assertThatThrownBy(ports::checkFree).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (--connect-port) is taken")
                    .hasMessageContaining("--connect-port <port>");
        }
        Ports twice = new Ports(9001, 9001, 9002, 9003, 9004);
        assertThatThrownBy(twice::checkFree).hasMessageContaining("given to both --kafka-port and --controller-port");
    }
}

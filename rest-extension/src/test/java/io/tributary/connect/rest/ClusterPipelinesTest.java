package io.tributary.connect.rest;

import static io.tributary.connect.rest.FixedCluster.running;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tributary.connect.smt.plugin.TaskRef;
import io.tributary.connect.smt.plugin.TaskReport;
import io.tributary.connect.smt.plugin.TaskReports;
import io.tributary.connect.smt.plugin.WorkerMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterPipelinesTest {

    private static final String JDBC = "io.tributary.connect.jdbc.TributaryJdbcSourceConnector";
    private static final String EVENTS = "io.tributary.connect.events.TributaryEventsSourceConnector";

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer peer;
    private TaskReport local;

    @BeforeEach
    void startPeer() throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/tributary/local", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = """
                    [{"connector": "clicks", "task": 0, "kind": "events-source", "figures": {"accepted-total": 400}},
                     {"connector": "clicks", "task": 1, "kind": "events-source", "figures": {"accepted-total": 7}}]
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peer.start();
    }

    @AfterEach
    void stop() {
        peer.stop(0);
        if (local != null) {
            local.close();
        }
    }

    @Test
    void tributaryConnectorsAreKnownByTheirClassOrAlias() {
        assertThat(ClusterPipelines.kind(Map.of("connector.class", JDBC))).isEqualTo("jdbc-source");
        assertThat(ClusterPipelines.kind(Map.of("connector.class", "TributaryEventsSourceConnector")))
                .isEqualTo("events-source");
        assertThat(ClusterPipelines.kind(Map.of("connector.class",
                "io.tributary.connect.iceberg.TributaryIcebergSinkConnector"))).isEqualTo("iceberg-sink");
        assertThat(ClusterPipelines.kind(Map.of("connector.class", "com.example.TributaryJdbcSourceConnector")))
                .as("another project's class of the same simple name").isNull();
        assertThat(ClusterPipelines.kind(Map.of("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector")))
                .isNull();
        assertThat(ClusterPipelines.kind(Map.of())).isNull();
        assertThat(ClusterPipelines.kind(null)).isNull();
    }

    @Test
    void tablesMergeCountsAddLagsTakeTheFreshestTimesTheLatest() {
        Map<String, Map<String, Object>> merged = new TreeMap<>();
        ClusterPipelines.merge(merged, Map.of("retail.clicks", Map.of(
                "table-commits-total", 3L, "table-files-recent", 2, "table-freshness-lag-ms", 900L,
                "table-last-commit-time-ms", 1_000L, "mode", "append",
                "partitions", Map.of("clicks-0", Map.of("committed-offset", 10L)))));
        ClusterPipelines.merge(merged, Map.of("retail.clicks", Map.of(
                "table-commits-total", 4L, "table-files-recent", 1, "table-freshness-lag-ms", 400L,
                "table-last-commit-time-ms", 2_000L, "mode", "upsert",
                "partitions", Map.of("clicks-1", Map.of("committed-offset", 20L)))));

        Map<String, Object> clicks = merged.get("retail.clicks");
        assertThat(clicks).containsEntry("table-commits-total", 7L)
                .containsEntry("table-files-recent", 3L)
                .containsEntry("table-freshness-lag-ms", 400L)
                .containsEntry("table-last-commit-time-ms", 2_000L)
                .containsEntry("mode", "append");
        assertThat(clicks.get("partitions")).isEqualTo(Map.of(
                "clicks-0", Map.of("committed-offset", 10L), "clicks-1", Map.of("committed-offset", 20L)));
    }

    @Test
    void gathersThisWorkerFromMemoryPeersOverRestAndNamesTheSilentOnes() throws IOException {
        local = TaskReports.open(new TaskRef("orders", 0), "jdbc-source", WorkerMetrics.unpublished());
        local.gauge("rows-read-total", "rows", Map.of("table", "public.orders"), () -> 3000L);
        String peerWorker = "127.0.0.1:" + peer.getAddress().getPort();
        String silentWorker = "127.0.0.1:" + closedPort();
        FixedCluster cluster = new FixedCluster()
                .connector("orders", JDBC, running(0, "here.invalid:8083"))
                .connector("clicks", EVENTS, running(0, peerWorker), running(1, peerWorker))
                .connector("ticks", JDBC, running(0, silentWorker))
                .connector("other", "org.example.OtherConnector", running(0, "elsewhere.invalid:8083"));
        ClusterPipelines pipelines = new ClusterPipelines(cluster,
                new PeerClient(new ObjectMapper(), Duration.ofSeconds(2)), null);

        ClusterPipelines.Gathered gathered = pipelines.gather("http", "Bearer s3cret");

        assertThat(gathered.connectors()).extracting(connector -> connector.get("name"))
                .containsExactly("clicks", "orders", "ticks");
        assertThat(task(gathered, "orders", 0).get("figures")).isEqualTo(Map.of());
        assertThat(task(gathered, "orders", 0).get("tables"))
                .isEqualTo(Map.of("public.orders", Map.of("rows-read-total", 3000L)));
        assertThat(task(gathered, "clicks", 0).get("figures")).isEqualTo(Map.of("accepted-total", 400));
        assertThat(task(gathered, "clicks", 1).get("figures")).isEqualTo(Map.of("accepted-total", 7));
        assertThat(authorizations).as("one request per peer, with the caller's credentials")
                .containsExactly("Bearer s3cret");

        assertThat(gathered.silentWorkers()).containsOnlyKeys(silentWorker);
        assertThat((String) task(gathered, "ticks", 0).get("figures-missing"))
                .startsWith("worker " + silentWorker + " did not answer: ").contains("ConnectException");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> workers = (Map<String, Map<String, Object>>) gathered.body().get("workers");
        assertThat(workers.get("here.invalid:8083")).containsEntry("answered", true).containsEntry("how", "this worker");
        assertThat(workers.get(peerWorker)).containsEntry("answered", true);
        assertThat(workers.get(silentWorker)).containsEntry("answered", false);
        assertThat(workers).doesNotContainKey("elsewhere.invalid:8083");

        List<String> reasons = Health.reasons(gathered, new ExtensionSettings.Thresholds(-1, -1, -1));
        assertThat(reasons).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("worker " + silentWorker + " did not answer");
    }

    @Test
    void aPeerWithoutTheExtensionIsNamedAsSuch() {
        peer.removeContext("/tributary/local");
        String peerWorker = "127.0.0.1:" + peer.getAddress().getPort();
        ClusterPipelines pipelines = new ClusterPipelines(new FixedCluster().connector("clicks", EVENTS,
                running(0, peerWorker)), new PeerClient(new ObjectMapper(), Duration.ofSeconds(2)), null);

        ClusterPipelines.Gathered gathered = pipelines.gather("http", null);

        assertThat(gathered.silentWorkers()).containsEntry(peerWorker,
                "answered HTTP 404 (is the Tributary REST extension enabled there?)");
    }

    @Test
    void aRunningTaskThatHasNotReportedYetIsSaidSo() {
        ClusterPipelines pipelines = new ClusterPipelines(new FixedCluster().connector("clicks", EVENTS,
                running(0, "127.0.0.1:" + peer.getAddress().getPort()), running(2, "127.0.0.1:"
                        + peer.getAddress().getPort())),
                new PeerClient(new ObjectMapper(), Duration.ofSeconds(2)), null);

        ClusterPipelines.Gathered gathered = pipelines.gather("http", null);

        assertThat(task(gathered, "clicks", 2)).containsEntry("figures-missing", "the task has not reported yet");
    }

    private static Map<String, Object> task(ClusterPipelines.Gathered gathered, String connector, int id) {
        Map<String, Object> found = gathered.connectors().stream()
                .filter(candidate -> connector.equals(candidate.get("name"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) found.get("tasks");
        Map<String, Object> task = tasks.stream().filter(candidate -> candidate.get("id").equals(id)).findFirst()
                .orElseThrow();
        return new HashMap<>(task);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

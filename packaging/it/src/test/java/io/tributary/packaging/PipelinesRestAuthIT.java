package io.tributary.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.Await;
import io.tributary.testkit.Closeables;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.ConnectRest;
import io.tributary.testkit.ConnectRestException;
import io.tributary.testkit.PluginBundle;
import io.tributary.testkit.TestPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.security.auth.login.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /tributary} behind Kafka's own REST authentication ({@code BasicAuthSecurityRestExtension} with JAAS
 * and its {@code PropertyFileLoginModule}) on a 2-worker cluster running the packaged zip. A JDBC source has a
 * task on each worker, so either worker can answer {@code /tributary/pipelines} only by asking the other for its
 * figures, with the caller's credentials passed on. Without them, or with a wrong password, the extension's paths
 * answer 401; with them every worker answers for the whole cluster, health is 200, and no answer repeats the
 * credentials.
 */
class PipelinesRestAuthIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String JAAS_CONFIG = "java.security.auth.login.config";
    private static final String BASIC_AUTH =
            "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";
    private static final String TRIBUTARY = "io.tributary.connect.rest.TributaryRestExtension";
    private static final String USER = "operator";
    private static final String PASSWORD = "basic-pass-never-shown-7731";
    private static final String AUTHORIZATION = ConnectRest.basicAuthorization(USER, PASSWORD);
    private static final String WRONG_PASSWORD = ConnectRest.basicAuthorization(USER, PASSWORD + "-wrong");
    private static final String CONNECTOR = "ops-jdbc";
    private static final List<String> PATHS = List.of("/tributary/pipelines", "/tributary/health", "/tributary/local");

    @TempDir
    static Path pluginPath;
    @TempDir
    static Path secrets;

    private static String jaasConfigBefore;
    private static TestPostgres postgres;
    private static ConnectCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        jaasConfigBefore = System.getProperty(JAAS_CONFIG);
        useJaasConfig(loginConfig().toString());
        PluginBundle.unpack(PluginBundle.builtZip(), pluginPath);
        postgres = TestPostgres.start();
        postgres.createDatabase("ops");
        try (Connection db = postgres.connect("ops"); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric(10,2))");
            sql.execute("INSERT INTO orders SELECT g, g * 0.5 FROM generate_series(1, 200) g");
            sql.execute("CREATE TABLE customers (id bigint PRIMARY KEY, name text)");
            sql.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 50) g");
        }
        cluster = ConnectCluster.builder().workers(2).pluginPath(pluginPath)
                .workerProperty("rest.extension.classes", BASIC_AUTH + "," + TRIBUTARY)
                .restAuthorization(AUTHORIZATION)
                .start();
        cluster.createTopic("ops.orders", 1);
        cluster.createTopic("ops.customers", 1);

        Map<String, String> jdbc = JdbcSourceConfigs.reading(postgres, "ops");
        jdbc.put("tasks.max", "2");
        jdbc.put("tables", "public.orders,public.customers");
        jdbc.put("topic.template", "ops.${table}");
        cluster.rest().putConnector(CONNECTOR, jdbc);
        JsonNode status = cluster.awaitRunning(CONNECTOR, 2, TIMEOUT);
        assertThat(taskWorkers(status)).as("the workers of the tasks of %s, which must be on both workers to make "
                + "each worker ask the other over HTTP: %s", CONNECTOR, status).hasSize(2)
                .isEqualTo(workerIds());
        awaitFigures();
    }

    @AfterAll
    static void stop() {
        try {
            Closeables.closeAll(cluster, postgres);
        } finally {
            useJaasConfig(jaasConfigBefore);
        }
    }

    @Test
    void withoutTheRightCredentialsEveryWorkerAnswers401() {
        for (URI worker : cluster.workerUrls()) {
            for (String path : PATHS) {
                assertThat(status(new ConnectRest(worker), path)).as("%s%s without credentials", worker, path)
                        .isEqualTo(401);
                assertThat(status(new ConnectRest(worker, WRONG_PASSWORD), path))
                        .as("%s%s with a wrong password", worker, path).isEqualTo(401);
            }
        }
    }

    @Test
    void withTheRightCredentialsEveryWorkerAnswersForTheWholeCluster() {
        Set<String> workerIds = workerIds();
        for (URI worker : cluster.workerUrls()) {
            JsonNode pipelines = pipelines(cluster.rest(worker));
            String asked = worker.getHost() + ":" + worker.getPort();

            assertThat(fieldNames(pipelines.path("workers"))).as("workers, asking %s", asked).isEqualTo(workerIds);
            for (String id : workerIds) {
                JsonNode answer = pipelines.path("workers").path(id);
                assertThat(answer.path("answered").asBoolean()).as("%s answered, asking %s: %s", id, asked, answer)
                        .isTrue();
                assertThat(answer.path("how").asText()).as("how %s answered, asking %s", id, asked)
                        .isEqualTo(id.equals(asked) ? "this worker" : "answered");
            }
            List<JsonNode> tasks = tasks(pipelines);
            assertThat(tasks).as("tasks of %s, asking %s", CONNECTOR, asked).hasSize(2);
            for (JsonNode task : tasks) {
                assertThat(task.has("figures-missing")).as("task %s, asking %s: %s", task.path("id"), asked, task)
                        .isFalse();
                assertThat(task.path("figures").path("mode").asText()).as("task %s, asking %s", task.path("id"),
                        asked).isEqualTo("snapshot");
            }
            assertThat(tasks).extracting(task -> task.path("worker").asText())
                    .containsExactlyInAnyOrderElementsOf(workerIds);
        }
    }

    @Test
    void healthWithTheRightCredentialsIs200Healthy() {
        for (URI worker : cluster.workerUrls()) {
            JsonNode health = cluster.rest(worker).send("GET", "/tributary/health", null);
            assertThat(health.path("status").asText()).as("asked at %s: %s", worker, health).isEqualTo("healthy");
            assertThat(health.path("reasons")).as("asked at %s", worker).isEmpty();
            assertThat(health.path("connectors").asInt()).isEqualTo(1);
            assertThat(health.path("tasks").asInt()).isEqualTo(2);
        }
    }

    @Test
    void noAnswerRepeatsTheCredentials() {
        String token = AUTHORIZATION.substring("Basic ".length());
        for (URI worker : cluster.workerUrls()) {
            List<String> answers = new ArrayList<>();
            for (String path : PATHS) {
                answers.add(cluster.rest(worker).send("GET", path, null).toString());
                answers.add(refusal(new ConnectRest(worker), path));
                answers.add(refusal(new ConnectRest(worker, WRONG_PASSWORD), path));
            }
            assertThat(String.join("\n", answers)).as("the answers of %s", worker).isNotBlank()
                    .doesNotContain(PASSWORD).doesNotContain(token).doesNotContain(AUTHORIZATION);
        }
    }

    /** Waits until every task reports figures; fails at once if a worker refused the credentials passed on. */
    private static void awaitFigures() {
        JsonNode[] last = {null};
        Await.until("every task of " + CONNECTOR + " reporting figures", TIMEOUT, () -> {
            last[0] = pipelines(cluster.rest());
            last[0].path("workers").forEach(worker -> {
                if (worker.path("error").asText().contains("HTTP 401")) {
                    throw new AssertionError("A worker refused the credentials passed on to it: "
                            + last[0].toPrettyString());
                }
            });
            return tasks(last[0]).stream().allMatch(task -> task.has("figures")) ? last[0] : null;
        }, () -> last[0] == null ? "no answer" : last[0].toPrettyString());
    }

    /** A JAAS login config with the {@code KafkaConnect} entry the basic-auth filter logs in against. */
    private static Path loginConfig() throws Exception {
        Path users = secrets.resolve("users.properties");
        Files.writeString(users, USER + ": " + PASSWORD + "\n");
        Path config = secrets.resolve("connect-jaas.conf");
        Files.writeString(config, "KafkaConnect {\n"
                + "  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required\n"
                + "  file=\"" + users.toAbsolutePath().toString().replace("\\", "\\\\") + "\";\n"
                + "};\n");
        return config;
    }

    /**
     * Points the JVM's JAAS at {@code config} (null: none), and has the JVM-wide JAAS configuration read it again:
     * that configuration is built once and then cached, and the basic-auth extension keeps the one it found when
     * its class was loaded, so a test before this one in the same JVM could otherwise have fixed it without the
     * {@code KafkaConnect} entry.
     */
    private static void useJaasConfig(String config) {
        if (config == null) {
            System.clearProperty(JAAS_CONFIG);
        } else {
            System.setProperty(JAAS_CONFIG, config);
        }
        Configuration.getConfiguration().refresh();
    }

    private static JsonNode pipelines(ConnectRest rest) {
        return rest.send("GET", "/tributary/pipelines", null);
    }

    private static int status(ConnectRest rest, String path) {
        try {
            rest.send("GET", path, null);
            return 200;
        } catch (ConnectRestException e) {
            return e.status();
        }
    }

    /** The body of a refused call; fails if the call was not refused. */
    private static String refusal(ConnectRest rest, String path) {
        try {
            JsonNode answer = rest.send("GET", path, null);
            throw new AssertionError("GET " + path + " was not refused: " + answer);
        } catch (ConnectRestException e) {
            return e.body();
        }
    }

    private static List<JsonNode> tasks(JsonNode pipelines) {
        for (JsonNode connector : pipelines.path("connectors")) {
            if (CONNECTOR.equals(connector.path("name").asText())) {
                return StreamSupport.stream(connector.path("tasks").spliterator(), false).toList();
            }
        }
        throw new AssertionError("No connector " + CONNECTOR + " in " + pipelines.toPrettyString());
    }

    /** The workers as Connect names them ({@code host:port}). */
    private static Set<String> workerIds() {
        return cluster.workerUrls().stream().map(url -> url.getHost() + ":" + url.getPort())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> taskWorkers(JsonNode status) {
        return StreamSupport.stream(status.path("tasks").spliterator(), false)
                .map(task -> task.path("worker_id").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

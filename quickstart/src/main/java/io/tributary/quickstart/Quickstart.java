package io.tributary.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testkit.ConnectRest;
import io.tributary.testkit.PluginBundle;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The retail pipeline on one machine, as a newcomer first runs it ({@code quickstart/run}): starts a KRaft
 * broker, a Connect worker with the built bundle, a sample shop database and a local Iceberg warehouse; creates
 * the retail connectors through the Connect REST API; posts clicks to the events endpoint; shows progress; and
 * prints what the lake holds.
 */
public final class Quickstart {

    private static final PrintStream OUT = System.out;
    private static final int USERS = 500;
    private static final int DAYS = 7;
    private static final int ORDERS_PER_DAY = 400;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private Quickstart() {
    }

    /** The command line: ports, where data lives, how many clicks, whether to stay up. */
    record Options(Ports ports, Path dataDir, int clicks, boolean exitAfterReport) {

        static Options parse(String[] args) {
            Ports d = Ports.DEFAULTS;
            int kafka = d.kafka();
            int controller = d.controller();
            int connect = d.connect();
            int events = d.events();
            int postgres = d.postgres();
            Path dataDir = Path.of("quickstart-data");
            int clicks = 3_000;
            boolean exit = false;
            Deque<String> rest = new ArrayDeque<>(List.of(args));
            while (!rest.isEmpty()) {
                String flag = rest.pop();
                switch (flag) {
                    case "--kafka-port" -> kafka = port(flag, rest);
                    case "--controller-port" -> controller = port(flag, rest);
                    case "--connect-port" -> connect = port(flag, rest);
                    case "--events-port" -> events = port(flag, rest);
                    case "--postgres-port" -> postgres = port(flag, rest);
                    case "--data-dir" -> dataDir = Path.of(value(flag, rest));
                    case "--clicks" -> clicks = Integer.parseInt(value(flag, rest));
                    case "--exit-after-report" -> exit = true;
                    case "--help", "-h" -> throw new IllegalArgumentException(usage());
                    default -> throw new IllegalArgumentException("Unknown option " + flag + "\n" + usage());
                }
            }
            return new Options(new Ports(kafka, controller, connect, events, postgres), dataDir, clicks, exit);
        }

        private static String value(String flag, Deque<String> rest) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(flag + " needs a value\n" + usage());
            }
            return rest.pop();
        }

        private static int port(String flag, Deque<String> rest) {
            String value = value(flag, rest);
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65_535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a port number, not '" + value + "'", e);
            }
        }

        static String usage() {
            Ports d = Ports.DEFAULTS;
            return "quickstart/run [--connect-port " + d.connect() + "] [--events-port " + d.events()
                    + "] [--kafka-port " + d.kafka() + "] [--controller-port " + d.controller()
                    + "] [--postgres-port " + d.postgres() + "] [--data-dir quickstart-data] [--clicks 3000] "
                    + "[--exit-after-report]";
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
            // Before anything logs: the log goes next to the rest of the quickstart's data.
            System.setProperty("tributary.quickstart.log",
                    options.dataDir().toAbsolutePath().resolve("quickstart.log").toString());
            options.ports().checkFree();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Stack stack = run(options);
        if (options.exitAfterReport()) {
            stack.close();
            System.exit(0);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("\nStopping ...");
            stack.close();
        }, "quickstart-shutdown"));
        OUT.println();
        OUT.println("The pipeline keeps running. Connect REST API: " + stack.connect().restUrl()
                + " (try: curl " + stack.connect().restUrl() + "/connectors?expand=status)");
        OUT.println("Post more clicks to http://localhost:" + options.ports().events() + "/v1/events/clicks "
                + "(Authorization: Bearer quickstart-token). Ctrl-C stops everything; data stays in "
                + options.dataDir().toAbsolutePath());
        new CountDownLatch(1).await();
    }

    /** What runs, and what the report found. */
    record Stack(RetailDatabase database, LocalKafka kafka, LocalConnect connect, LakeReport.Summary report,
            ClickGenerator.Counts clicks) implements AutoCloseable {

        @Override
        public void close() {
            connect.close();
            kafka.close();
            database.close();
        }
    }

    /** Starts everything, creates the connectors, posts the clicks and prints the report; leaves it running. */
    static Stack run(Options options) throws Exception {
        Ports ports = options.ports();
        Path data = options.dataDir().toAbsolutePath();
        Files.createDirectories(data);
        Path secrets = writeSecrets(data);
        OUT.println("Logs: " + data.resolve("quickstart.log"));
        OUT.println("Starting PostgreSQL (the shop's database) on port " + ports.postgres() + " ...");
        Path configs = connectorConfigs();
        RetailDatabase database = RetailDatabase.start(data, ports.postgres(), configs.resolve("schema.sql"), USERS,
                DAYS, ORDERS_PER_DAY, Instant.now());
        OUT.println("Starting Kafka (KRaft) on port " + ports.kafka() + " ...");
        LocalKafka kafka = LocalKafka.start(data, ports.kafka(), ports.controller());
        Path plugins = PluginBundle.unpack(PluginBundle.builtZip(), freshDirectory(data.resolve("plugins")));
        OUT.println("Starting a Connect worker on port " + ports.connect() + " with the bundle in " + plugins + " ...");
        LocalConnect connect = LocalConnect.start(kafka.bootstrapServers(), plugins, ports.connect());

        ConnectRest rest = new ConnectRest(URI.create(connect.restUrl()));
        RetailConnectors retail = new RetailConnectors(database.jdbcUrl(), data, secrets, ports.events());
        Map<String, Map<String, String>> connectors = retail.load(configs);
        for (String id : RetailConnectors.ORDER) {
            Map<String, String> config = connectors.get(id);
            if (config == null) {
                throw new IllegalStateException("connector-configs/retail/" + id + ".json is missing");
            }
            OUT.println("Creating connector " + config.get("name") + " (PUT /connectors/" + config.get("name")
                    + "/config)");
            rest.putConnector(config.get("name"), config);
        }

        ClickGenerator clicks = new ClickGenerator("http://localhost:" + ports.events(), "quickstart-token", USERS);
        try (Progress progress = new Progress(kafka.bootstrapServers())) {
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleAtFixedRate(() -> progress.print(OUT, clicks.counts()), 1, 1, TimeUnit.SECONDS);
            try {
                OUT.println("Posting " + options.clicks() + " clicks to http://localhost:" + ports.events()
                        + "/v1/events/clicks ...");
                clicks.run(options.clicks(), 100, Instant.now());
                awaitCaughtUp(progress, "retail.clicks", "retail-clicks-sink");
                awaitCaughtUp(progress, "retail.orders", "retail-orders-sink");
            } finally {
                ticker.shutdownNow();
                progress.print(OUT, clicks.counts());
            }
        }

        // The report reads the catalog while the sinks are paused (see LakeReport).
        List<String> sinks = List.of("retail-orders-sink", "retail-clicks-sink");
        sinks.forEach(sink -> rest.send("PUT", "/connectors/" + sink + "/pause", null));
        awaitPaused(rest, sinks);
        LakeReport.Summary report = new LakeReport(data).read();
        LakeReport.print(report, clicks.counts(), OUT);
        sinks.forEach(sink -> rest.send("PUT", "/connectors/" + sink + "/resume", null));
        return new Stack(database, kafka, connect, report, clicks.counts());
    }

    /** Paused sinks have closed their writers and commit nothing until resumed. */
    private static void awaitPaused(ConnectRest rest, List<String> sinks) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (String sink : sinks) {
            while (true) {
                JsonNode status = rest.status(sink);
                boolean paused = "PAUSED".equals(status.path("connector").path("state").asText());
                for (JsonNode task : status.path("tasks")) {
                    paused &= "PAUSED".equals(task.path("state").asText());
                }
                if (paused) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(sink + " did not pause: " + status);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Waits until the sink's group has committed every record of the topic into the lake. */
    private static void awaitCaughtUp(Progress progress, String topic, String sink) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (progress.caughtUp(topic, sink)) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException(sink + " did not commit all of " + topic + " within " + TIMEOUT
                + "; see its status: GET /connectors/" + sink + "/status");
    }

    /** The secrets the retail configs read through Connect's file config provider. */
    private static Path writeSecrets(Path data) throws IOException {
        Path secrets = data.resolve("retail.properties");
        Files.writeString(secrets, "db.password=" + RetailDatabase.PASSWORD + "\n"
                + "mask.hmac.key=quickstart-only-not-a-secret-0123456789\n"
                + "clicks.bearer.tokens=quickstart-token\n", StandardCharsets.UTF_8);
        return secrets;
    }

    private static Path connectorConfigs() {
        String configured = System.getProperty("tributary.connector.configs");
        Path directory = configured != null ? Path.of(configured) : Path.of("connector-configs", "retail");
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("No retail connector configs at " + directory.toAbsolutePath());
        }
        return directory;
    }

    private static Path freshDirectory(Path directory) {
        try {
            if (Files.exists(directory)) {
                try (var files = Files.walk(directory)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

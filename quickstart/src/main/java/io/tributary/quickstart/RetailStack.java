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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The retail pipeline's stack on one machine, step by step: the shop database, Kafka and a Connect worker; the
 * retail connectors; clicks; the lake read back; and a batch backfill of the same clicks. The quickstart runs the
 * first steps; its test runs them all, with a worker restart in between.
 */
final class RetailStack implements AutoCloseable {

    static final int USERS = 500;
    private static final int DAYS = 7;
    private static final int ORDERS_PER_DAY = 400;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String BACKFILL_SINK = "retail-clicks-backfill-sink";

    private final Quickstart.Options options;
    private final PrintStream out;
    private final Path data;
    private final Path configs;
    private final Path secrets;
    private final RetailDatabase database;
    private final LocalKafka kafka;
    private final ClickGenerator generator;
    private final Path plugins;
    private LocalConnect connect;
    private final List<String> sinks = new java.util.ArrayList<>(List.of("retail-orders-sink", "retail-clicks-sink"));

    private RetailStack(Quickstart.Options options, PrintStream out, Path data, Path configs, Path secrets,
            Path plugins, RetailDatabase database, LocalKafka kafka, LocalConnect connect) {
        this.options = options;
        this.out = out;
        this.data = data;
        this.configs = configs;
        this.secrets = secrets;
        this.plugins = plugins;
        this.database = database;
        this.kafka = kafka;
        this.connect = connect;
        this.generator = new ClickGenerator("http://localhost:" + options.ports().events(), "quickstart-token",
                USERS);
    }

    static RetailStack start(Quickstart.Options options, PrintStream out) throws IOException {
        Ports ports = options.ports();
        Path data = options.dataDir().toAbsolutePath();
        Files.createDirectories(data);
        Path secrets = writeSecrets(data);
        Path configs = connectorConfigs();
        out.println("Logs: " + data.resolve("quickstart.log"));
        out.println("Starting PostgreSQL (the shop's database) on port " + ports.postgres() + " ...");
        RetailDatabase database = RetailDatabase.start(data, ports.postgres(), configs.resolve("schema.sql"), USERS,
                DAYS, ORDERS_PER_DAY, Instant.now());
        out.println("Starting Kafka (KRaft) on port " + ports.kafka() + " ...");
        LocalKafka kafka = LocalKafka.start(data, ports.kafka(), ports.controller());
        Path plugins = PluginBundle.unpack(PluginBundle.builtZip(), freshDirectory(data.resolve("plugins")));
        out.println("Starting a Connect worker on port " + ports.connect() + " with the bundle in " + plugins + " ...");
        LocalConnect connect = LocalConnect.start(kafka.bootstrapServers(), plugins, ports.connect());
        return new RetailStack(options, out, data, configs, secrets, plugins, database, kafka, connect);
    }

    RetailDatabase database() {
        return database;
    }

    LocalKafka kafka() {
        return kafka;
    }

    LocalConnect connect() {
        return connect;
    }

    ClickGenerator.Counts clicks() {
        return generator.counts();
    }

    private ConnectRest rest() {
        return new ConnectRest(URI.create(connect.restUrl()));
    }

    /** Live figures from the worker's /tributary endpoints, whichever worker is running. */
    Progress progress() {
        return new Progress(this::rest);
    }

    /** Creates the connectors of connector-configs/retail/ through the REST API, as a user would. */
    void createConnectors() {
        RetailConnectors retail = new RetailConnectors(database.jdbcUrl(), data, secrets, options.ports().events());
        Map<String, Map<String, String>> connectors = retail.load(configs);
        for (String id : RetailConnectors.ORDER) {
            Map<String, String> config = connectors.get(id);
            if (config == null) {
                throw new IllegalStateException("connector-configs/retail/" + id + ".json is missing");
            }
            out.println("Creating connector " + config.get("name") + " (PUT /connectors/" + config.get("name")
                    + "/config)");
            rest().putConnector(config.get("name"), config);
        }
    }

    void postClicks(int count, Instant now) throws InterruptedException {
        generator.run(count, 100, now);
    }

    /**
     * Waits until the orders snapshot is complete at the source and both sinks have committed everything their
     * topics hold.
     */
    void awaitLake(Progress progress) throws InterruptedException {
        awaitSnapshotCompleted("retail-orders-source", "public.orders");
        awaitClicks(progress);
        awaitCaughtUp(progress, "retail-orders-sink");
    }

    /** Waits until the clicks sink has committed every click the topic holds. */
    void awaitClicks(Progress progress) throws InterruptedException {
        awaitCaughtUp(progress, "retail-clicks-sink");
    }

    /** Stops the Connect worker and starts a new one on the same port: the cluster's state is in Kafka. */
    void restartConnect() {
        out.println("Restarting the Connect worker ...");
        connect.close();
        connect = LocalConnect.start(kafka.bootstrapServers(), plugins, options.ports().connect());
    }

    /**
     * Waits until the JDBC source has written a whole snapshot of {@code table}: its offsets then name the
     * completed snapshot (docs/jdbc-source-offsets.md). Until then its topic is still growing, and a sink that
     * has read all of it so far is not done.
     */
    private void awaitSnapshotCompleted(String connector, String table) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                for (JsonNode offset : rest().send("GET", "/connectors/" + connector + "/offsets", null)
                        .path("offsets")) {
                    if (table.equals(offset.path("partition").path("table").asText())
                            && offset.path("offset").has("completed.id")) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                // not created or not running yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(connector + " did not complete a snapshot of " + table + " within " + TIMEOUT
                + "; see GET /connectors/" + connector + "/status");
    }

    /** Reads the lake with the sinks paused (see {@link LakeReport}), then resumes them. */
    LakeReport.Summary readLake() throws InterruptedException {
        return whileSinksPaused(() -> new LakeReport(data).read());
    }

    /** What {@code read} finds in the lake while no sink writes (see {@link LakeReport}). */
    <T> T whileSinksPaused(java.util.function.Supplier<T> read) throws InterruptedException {
        sinks.forEach(sink -> rest().send("PUT", "/connectors/" + sink + "/pause", null));
        awaitPaused(rest(), sinks);
        try {
            return read.get();
        } finally {
            sinks.forEach(sink -> rest().send("PUT", "/connectors/" + sink + "/resume", null));
        }
    }

    LakeReport lake() {
        return new LakeReport(data);
    }

    /**
     * Replays {@code clicks} as a batch: writes them, in order, to {@code public.click_history} and creates the
     * backfill source and sink, which run them through the same transforms into {@code retail.clicks_backfill}.
     */
    void backfill(List<Map<String, Object>> clicks, Progress progress) throws Exception {
        try (java.sql.Connection connection = database.connect(); java.sql.PreparedStatement insert =
                connection.prepareStatement("INSERT INTO public.click_history VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long seq = 0;
            for (Map<String, Object> click : clicks) {
                insert.setLong(1, ++seq);
                int column = 2;
                insert.setString(column++, (String) click.get("event_id"));
                insert.setTimestamp(column++, java.sql.Timestamp.from(Instant.parse((String) click.get("event_time"))));
                insert.setString(column++, (String) click.get("event_type"));
                insert.setString(column++, (String) click.get("visitor_id"));
                insert.setObject(column++, click.get("user_id"), java.sql.Types.BIGINT);
                for (String field : List.of("email", "url", "referrer", "user_agent", "ip")) {
                    insert.setString(column++, (String) click.get(field));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
        RetailConnectors retail = new RetailConnectors(database.jdbcUrl(), data, secrets, options.ports().events());
        Map<String, Map<String, String>> connectors = retail.load(configs);
        for (String id : List.of("clicks-backfill-source", "clicks-backfill-sink")) {
            Map<String, String> config = connectors.get(id);
            rest().putConnector(config.get("name"), config);
        }
        sinks.add(BACKFILL_SINK);
        awaitSnapshotCompleted("retail-clicks-backfill-source", "public.click_history");
        awaitCaughtUp(progress, BACKFILL_SINK);
    }

    @Override
    public void close() {
        connect.close();
        kafka.close();
        database.close();
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

    /** Waits until the sink's group has committed every record of its topics into the lake. */
    private static void awaitCaughtUp(Progress progress, String sink) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (progress.caughtUp(sink)) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException(sink + " did not commit all of its topics within " + TIMEOUT
                + "; see GET /tributary/pipelines and GET /connectors/" + sink + "/status");
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
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

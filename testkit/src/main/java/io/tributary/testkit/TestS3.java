package io.tributary.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server: s3proxy storing objects as files under a local directory, listening on 127.0.0.1 on a
 * free port, with fixed test credentials (AWS signature v2 and v4). It runs in a JVM of its own, started from
 * the s3proxy jar the build fetched, so its Jetty and logging never meet the worker's in the test JVM.
 *
 * <pre>{@code
 * try (TestS3 s3 = TestS3.start(dir)) {
 *     s3.createBucket("lake");
 *     // point the sink at s3.endpoint() with s3.accessKey() / s3.secretKey(), path-style access
 *     Path file = s3.objectFile("lake", "warehouse/db/table/metadata/v1.metadata.json");
 * }
 * }</pre>
 */
public final class TestS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "tributary-test-access";
    public static final String SECRET_KEY = "tributary-test-secret-9f3c7a1e";
    /** s3proxy ignores the region, but the client signs with one. */
    public static final String REGION = "us-east-1";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final URI endpoint;
    private final Process process;
    private final Thread killOnExit;
    private S3Client client;

    private TestS3(Path dir, URI endpoint, Process process) {
        this.dir = dir;
        this.endpoint = endpoint;
        this.process = process;
        this.killOnExit = new Thread(process::destroyForcibly, "test-s3-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a server that stores objects under {@code dir/objects}, one directory per bucket; its
     * configuration and log go to {@code dir} too. Takes a few seconds.
     */
    public static TestS3 start(Path dir) {
        Path jar = s3proxyJar();
        try {
            Files.createDirectories(dir.resolve("objects"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A free port can be taken between finding and binding it; the server then exits and we try another.
        for (int attempt = 1; ; attempt++) {
            URI endpoint = URI.create("http://127.0.0.1:" + FreePorts.loopback());
            Process process = launch(jar, dir, endpoint);
            if (awaitServing(process, endpoint)) {
                return new TestS3(dir, endpoint, process);
            }
            process.destroyForcibly();
            if (attempt >= START_ATTEMPTS) {
                throw new IllegalStateException("s3proxy did not start at " + endpoint + "; its log ends with:\n"
                        + logTail(dir));
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** The directory holding the buckets. */
    public Path objectsDir() {
        return dir.resolve("objects");
    }

    /** Where the server stores object {@code key} of {@code bucket}. */
    public Path objectFile(String bucket, String key) {
        return objectsDir().resolve(bucket).resolve(key);
    }

    /** The server's log, for diagnosing a failed test. */
    public Path logFile() {
        return dir.resolve("s3proxy.log");
    }

    public void createBucket(String bucket) {
        client().createBucket(request -> request.bucket(bucket));
    }

    /** An SDK client for this server (path-style, test credentials); closed with the server. */
    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(REGION))
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .httpClientBuilder(Apache5HttpClient.builder())
                    .build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook kills the server
        }
    }

    private static Process launch(Path jar, Path dir, URI endpoint) {
        Properties config = new Properties();
        config.setProperty("s3proxy.endpoint", endpoint.toString());
        config.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        config.setProperty("s3proxy.identity", ACCESS_KEY);
        config.setProperty("s3proxy.credential", SECRET_KEY);
        config.setProperty("jclouds.provider", "filesystem");
        config.setProperty("jclouds.identity", "unused");
        config.setProperty("jclouds.credential", "unused");
        config.setProperty("jclouds.filesystem.basedir", dir.resolve("objects").toAbsolutePath().toString());
        Path configFile = dir.resolve("s3proxy.properties");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            try (var out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                config.store(out, "TestS3");
            }
            return new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--properties", configFile.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start s3proxy", e);
        }
    }

    /** Any HTTP answer (403 for an unsigned request) means the server is up. */
    private static boolean awaitServing(Process process, URI endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException e) {
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static Path s3proxyJar() {
        Properties build = new Properties();
        try (InputStream in = TestS3.class.getResourceAsStream("test-s3.properties")) {
            if (in == null) {
                throw new IllegalStateException("test-s3.properties is missing from the test kit");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path jar = Path.of(build.getProperty("s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The s3proxy jar " + jar + " is missing; build the test kit first "
                    + "(mvn -pl testkit install), which fetches it");
        }
        return jar;
    }

    private static String logTail(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("s3proxy.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

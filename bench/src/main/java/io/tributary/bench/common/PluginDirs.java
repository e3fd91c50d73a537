package io.tributary.bench.common;

import io.tributary.testkit.PluginBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The worker's plugin path, {@code bench/target/plugins}: Tributary's built zip unpacked as a user would, and
 * each peer connector as a plugin directory of its own, laid out by the pom of the same name under
 * {@code bench/} ({@code bench/apache-iceberg-sink/pom.xml}, {@code bench/debezium-postgres/pom.xml}).
 */
public final class PluginDirs {

    /** Apache Iceberg's Kafka Connect sink. */
    public static final String APACHE_ICEBERG_SINK = "apache-iceberg-sink";
    /** Debezium's PostgreSQL source connector. */
    public static final String DEBEZIUM_POSTGRES = "debezium-postgres";

    /** Overrides the built zip's path; bench/run points it at a copy that no concurrent build rewrites. */
    public static final String ZIP_PROPERTY = "tributary.bench.bundle.zip";
    /** Overrides the plugin path; bench/run points it at a copy of the peers' plugin directories. */
    public static final String PLUGINS_PROPERTY = "tributary.bench.plugins.dir";

    private static final String PATHS = "bench-paths.properties";

    private PluginDirs() {
    }

    /**
     * Unpacks the built zip afresh (no jar of an older build may linger) and checks that the named peers'
     * plugin directories are there.
     */
    public static Path prepare(String... peers) {
        Properties paths = new Properties();
        try (InputStream in = PluginDirs.class.getResourceAsStream(PATHS)) {
            paths.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("No " + PATHS + " beside " + PluginDirs.class.getName()
                    + "; build the benchmarks with Maven (bench/run does)", e);
        }
        Path zip = Path.of(System.getProperty(ZIP_PROPERTY, paths.getProperty("bundle.zip"))).normalize();
        Path plugins = Path.of(System.getProperty(PLUGINS_PROPERTY, paths.getProperty("plugins.dir"))).normalize();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("The bundle " + zip + " is not built; bench/run builds it");
        }
        for (String peer : peers) {
            Path dir = plugins.resolve(peer);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("The peer " + peer + " is not laid out in " + dir + "; bench/run does "
                        + "that (mvn -f bench/" + peer + "/pom.xml package)");
            }
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(plugins, "tributary-connect-*")) {
            for (Path dir : old) {
                Directories.deleteRecursively(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PluginBundle.unpack(zip, plugins);
        checkUnpacked(zip, plugins);
        return plugins;
    }

    /**
     * A zip read while a build rewrites it unpacks to nothing, without an error; the worker would then miss
     * Tributary's plugins and fail much later with a less helpful message.
     */
    private static void checkUnpacked(Path zip, Path plugins) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(plugins, "tributary-connect-*")) {
            for (Path dir : dirs) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir.resolve("lib"), "*.jar")) {
                    if (jars.iterator().hasNext()) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // Reported below.
        }
        throw new IllegalStateException("Unpacking " + zip + " left no plugin jars in " + plugins
                + "; was the bundle being rebuilt meanwhile? Run again when no build writes it");
    }
}

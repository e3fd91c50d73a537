package io.tributary.bench.sink;

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
 * Apache Iceberg's sink as its own plugin directory, laid out by {@code bench/apache-iceberg-sink/pom.xml}.
 */
final class PluginDirs {

    static final String APACHE_SINK_DIR = "apache-iceberg-sink";
    private static final String PATHS = "bench-paths.properties";

    private PluginDirs() {
    }

    /** Unpacks the built zip afresh (no jar of an older build may linger) and checks Apache's sink is there. */
    static Path prepare() {
        Properties paths = new Properties();
        try (InputStream in = PluginDirs.class.getResourceAsStream(PATHS)) {
            paths.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("No " + PATHS + " beside " + PluginDirs.class.getName()
                    + "; build the benchmarks with Maven (bench/run does)", e);
        }
        Path zip = Path.of(paths.getProperty("bundle.zip")).normalize();
        Path plugins = Path.of(paths.getProperty("plugins.dir")).normalize();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("The bundle " + zip + " is not built; bench/run builds it");
        }
        Path apache = plugins.resolve(APACHE_SINK_DIR);
        if (!Files.isDirectory(apache)) {
            throw new IllegalStateException("Apache Iceberg's sink is not laid out in " + apache + "; bench/run does "
                    + "that (mvn -f bench/apache-iceberg-sink/pom.xml package)");
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(plugins, "tributary-connect-*")) {
            for (Path dir : old) {
                Directories.deleteRecursively(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PluginBundle.unpack(zip, plugins);
    }
}

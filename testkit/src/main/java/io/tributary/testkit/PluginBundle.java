package io.tributary.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The built Tributary zip, unpacked into a directory that a worker's {@code plugin.path} can point at. */
public final class PluginBundle {

    /** System property the build sets to the zip under test. */
    public static final String ZIP_PROPERTY = "tributary.bundle.zip";

    private PluginBundle() {
    }

    /** The zip this build produced, as given by {@value #ZIP_PROPERTY}. */
    public static Path builtZip() {
        String zip = System.getProperty(ZIP_PROPERTY);
        if (zip == null || !Files.isRegularFile(Path.of(zip))) {
            throw new IllegalStateException("System property " + ZIP_PROPERTY + " must name the built bundle zip, "
                    + "was: " + zip + " (run the packaging module's build first: mvn -pl packaging -am package)");
        }
        return Path.of(zip);
    }

    /**
     * Unpacks {@code zip} into {@code pluginPath}: the zip's top-level directory becomes one plugin
     * directory there, exactly as a user's {@code unzip -d <plugin.path>} would leave it.
     *
     * @return {@code pluginPath}, to pass to {@link ConnectCluster.Builder#pluginPath}
     */
    public static Path unpack(Path zip, Path pluginPath) {
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            Path root = pluginPath.toAbsolutePath().normalize();
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalStateException("Zip entry escapes the plugin path: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack " + zip + " into " + pluginPath, e);
        }
    }
}

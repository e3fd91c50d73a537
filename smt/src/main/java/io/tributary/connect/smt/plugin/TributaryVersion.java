package io.tributary.connect.smt.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version every Tributary plugin reports to the Connect worker ({@code GET /connector-plugins}).
 *
 * <p>It is read from a resource that Maven filters at build time, so it is the version of the bundle that
 * was installed, not the version of the Kafka libraries the worker happens to run (which is what
 * {@code AppInfoParser.getVersion()} would report).
 */
public final class TributaryVersion {

    static final String RESOURCE = "tributary-version.properties";

    private static final String VERSION = load();

    private TributaryVersion() {
    }

    /** The bundle version, e.g. {@code 0.1.0}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = TributaryVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE + " next to " + TributaryVersion.class.getName()
                        + ": the tributary-smt jar was not built by Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            if (version.isEmpty() || version.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered at build time: version=" + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}

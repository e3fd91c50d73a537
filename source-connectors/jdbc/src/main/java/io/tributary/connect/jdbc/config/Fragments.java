package io.tributary.connect.jdbc.config;

import org.apache.kafka.common.config.AbstractConfig;

/** Builds each fragment's view of a parsed config; the fragments' constructors stay package-private. */
public final class Fragments {

    private Fragments() {
    }

    public static ConnectionSettings connection(AbstractConfig config) {
        return new ConnectionSettings(config);
    }

    public static SelectionSettings selection(AbstractConfig config) {
        return new SelectionSettings(config);
    }

    public static ModeSettings mode(AbstractConfig config) {
        return new ModeSettings(config);
    }

    public static SnapshotSettings snapshot(AbstractConfig config) {
        return new SnapshotSettings(config);
    }

    public static IncrementalSettings incremental(AbstractConfig config) {
        return new IncrementalSettings(config);
    }

    public static TypeSettings types(AbstractConfig config) {
        return new TypeSettings(config);
    }
}

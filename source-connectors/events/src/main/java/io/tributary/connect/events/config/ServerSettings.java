package io.tributary.connect.events.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/** Where each task's HTTP server listens, with how many threads, and whether it speaks TLS. */
public final class ServerSettings {

    public static final String BIND_ADDRESS = "http.bind.address";
    public static final String PORT = "http.port";
    public static final String THREADS_MAX = "http.threads.max";
    public static final String IDLE_TIMEOUT_MS = "http.idle.timeout.ms";
    public static final String KEYSTORE_LOCATION = "http.tls.keystore.location";
    public static final String KEYSTORE_PASSWORD = "http.tls.keystore.password";
    public static final String KEYSTORE_TYPE = "http.tls.keystore.type";
    public static final String KEY_PASSWORD = "http.tls.key.password";

    private static final String GROUP = "HTTP server";
    private static final String TLS_GROUP = "TLS";

    private final AbstractConfig config;

    ServerSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(BIND_ADDRESS, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Address each task's HTTP server binds to.",
                        GROUP, 1, Width.MEDIUM, "Bind address")
                .define(PORT, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH,
                        "Port of each task's HTTP server. Run one task per worker (tasks.max = number of "
                                + "workers) behind a load balancer: a second task on the same worker cannot bind "
                                + "the port and fails with a message saying so. 0 picks a free port (tests).",
                        GROUP, 2, Width.SHORT, "Port")
                .define(THREADS_MAX, Type.INT, 16, Range.between(4, 1024), Importance.LOW,
                        "Most threads of each task's HTTP server. Requests wait for Kafka without holding a "
                                + "thread, so a few threads serve many clients.",
                        GROUP, 3, Width.SHORT, "Max server threads")
                .define(IDLE_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1_000L), Importance.LOW,
                        "How long an idle client connection is kept open.",
                        GROUP, 4, Width.SHORT, "Idle timeout (ms)")
                .define(KEYSTORE_LOCATION, Type.STRING, "", Importance.MEDIUM,
                        "Keystore holding the server's TLS key and certificate, on every worker. When set, the "
                                + "server speaks HTTPS only; empty serves plain HTTP (terminate TLS at the load "
                                + "balancer instead).",
                        TLS_GROUP, 1, Width.LONG, "Keystore")
                .define(KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                        "Password of the keystore. Never logged.",
                        TLS_GROUP, 2, Width.MEDIUM, "Keystore password")
                .define(KEYSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"),
                        Importance.LOW, "Format of the keystore.",
                        TLS_GROUP, 3, Width.SHORT, "Keystore type")
                .define(KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                        "Password of the key inside the keystore, when it differs from the keystore's.",
                        TLS_GROUP, 4, Width.MEDIUM, "Key password");
    }

    public String bindAddress() {
        return config.getString(BIND_ADDRESS);
    }

    public int port() {
        return config.getInt(PORT);
    }

    public int threadsMax() {
        return config.getInt(THREADS_MAX);
    }

    public long idleTimeoutMs() {
        return config.getLong(IDLE_TIMEOUT_MS);
    }

    public boolean tls() {
        return !config.getString(KEYSTORE_LOCATION).isBlank();
    }

    public String keystoreLocation() {
        return config.getString(KEYSTORE_LOCATION);
    }

    public String keystoreType() {
        return config.getString(KEYSTORE_TYPE);
    }

    /** Null when none is set. */
    public String keystorePassword() {
        Password password = config.getPassword(KEYSTORE_PASSWORD);
        return password == null ? null : password.value();
    }

    /** Null when none is set: the keystore's password is used. */
    public String keyPassword() {
        Password password = config.getPassword(KEY_PASSWORD);
        return password == null ? null : password.value();
    }
}

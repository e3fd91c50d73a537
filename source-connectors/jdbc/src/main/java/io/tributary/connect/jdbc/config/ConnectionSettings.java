package io.tributary.connect.jdbc.config;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Where the database is, who the connector is there, and how it waits when the database is away. */
public final class ConnectionSettings {

    public static final String URL = "connection.url";
    public static final String USER = "connection.user";
    public static final String PASSWORD = "connection.password";
    public static final String BACKOFF_MS = "connection.backoff.ms";
    public static final String BACKOFF_MAX_MS = "connection.backoff.max.ms";

    private static final String GROUP = "Connection";

    private final AbstractConfig config;

    ConnectionSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new JdbcUrlValidator(), Importance.HIGH,
                        "JDBC URL of the source database, e.g. 'jdbc:postgresql://db:5432/shop' or "
                                + "'jdbc:sqlite:/data/shop.db'. Put credentials in connection.user and "
                                + "connection.password, not in the URL.",
                        GROUP, 1, Width.LONG, "JDBC URL")
                .define(USER, Type.STRING, null, Importance.HIGH, "Database user.", GROUP, 2, Width.MEDIUM, "User")
                .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                        "Database password. Never logged; use a config provider to keep it out of the config.",
                        GROUP, 3, Width.MEDIUM, "Password")
                .define(BACKOFF_MS, Type.LONG, 1_000L, Range.atLeast(10L), Importance.LOW,
                        "Wait after a failed connection before the next attempt; doubles after each failure up to "
                                + BACKOFF_MAX_MS + ". The task stays RUNNING meanwhile and logs each failure.",
                        GROUP, 4, Width.SHORT, "Connection backoff (ms)")
                .define(BACKOFF_MAX_MS, Type.LONG, 60_000L, Range.atLeast(10L), Importance.LOW,
                        "Longest wait between connection attempts.",
                        GROUP, 5, Width.SHORT, "Max connection backoff (ms)");
    }

    public String url() {
        return config.getString(URL);
    }

    /** Null when the database needs none. */
    public String user() {
        return config.getString(USER);
    }

    /** Null when the database needs none. */
    public String password() {
        Password password = config.getPassword(PASSWORD);
        return password == null ? null : password.value();
    }

    public Duration backoff() {
        return Duration.ofMillis(config.getLong(BACKOFF_MS));
    }

    public Duration maxBackoff() {
        return Duration.ofMillis(Math.max(config.getLong(BACKOFF_MS), config.getLong(BACKOFF_MAX_MS)));
    }

    /** Accepts {@code jdbc:<driver>:...}; never echoes the value, which may hold credentials. */
    static final class JdbcUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String url = (String) value;
            if (url == null || !url.startsWith("jdbc:") || url.length() <= "jdbc:".length()) {
                throw new ConfigException(name + " must be a JDBC URL starting with 'jdbc:'");
            }
        }

        @Override
        public String toString() {
            return "a JDBC URL, jdbc:<driver>:...";
        }
    }
}

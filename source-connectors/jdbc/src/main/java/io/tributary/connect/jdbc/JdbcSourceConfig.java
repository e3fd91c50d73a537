package io.tributary.connect.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Configuration of {@link TributaryJdbcSourceConnector}, grouped by concern. */
public final class JdbcSourceConfig extends AbstractConfig {

    public static final String CONNECTION_URL = "connection.url";
    public static final String CONNECTION_USER = "connection.user";
    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String TABLES = "tables";
    public static final String TOPIC_TEMPLATE = "topic.template";
    public static final String MODE = "mode";

    /** Set by the connector on each task: the tables that task alone reads. */
    public static final String TASK_TABLES = "task.tables";

    /** How tables are read. */
    public enum Mode {
        /** The whole table as one consistent snapshot. */
        SNAPSHOT,
        /** New and changed rows since the last read, by an incrementing or timestamp column. */
        INCREMENTAL;

        String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String CONNECTION_GROUP = "Connection";
    private static final String TABLES_GROUP = "Tables";
    private static final String MODE_GROUP = "Mode";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(CONNECTION_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new JdbcUrlValidator(),
                    Importance.HIGH, "JDBC URL of the source database, e.g. "
                            + "'jdbc:postgresql://db:5432/shop' or 'jdbc:sqlite:/data/shop.db'. "
                            + "Put credentials in connection.user and connection.password, not in the URL.",
                    CONNECTION_GROUP, 1, Width.LONG, "JDBC URL")
            .define(CONNECTION_USER, Type.STRING, null, Importance.HIGH,
                    "Database user.", CONNECTION_GROUP, 2, Width.MEDIUM, "User")
            .define(CONNECTION_PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                    "Database password. Never logged; use a config provider to keep it out of the config.",
                    CONNECTION_GROUP, 3, Width.MEDIUM, "Password")
            .define(TABLES, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyList(), Importance.HIGH,
                    "Tables to read, as 'schema.table' or 'table'. Each table is read by exactly one task.",
                    TABLES_GROUP, 1, Width.LONG, "Tables")
            .define(TOPIC_TEMPLATE, Type.STRING, "${table}", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Topic for each table; '${schema}' and '${table}' are replaced, e.g. 'shop.${table}'.",
                    TABLES_GROUP, 2, Width.MEDIUM, "Topic template")
            .define(MODE, Type.STRING, Mode.SNAPSHOT.configValue(),
                    ConfigDef.CaseInsensitiveValidString.in(Mode.SNAPSHOT.configValue(),
                            Mode.INCREMENTAL.configValue()),
                    Importance.HIGH, "'snapshot' reads each table whole as one consistent snapshot; "
                            + "'incremental' reads new and changed rows.",
                    MODE_GROUP, 1, Width.SHORT, "Mode");

    public JdbcSourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
    }

    public String connectionUrl() {
        return getString(CONNECTION_URL);
    }

    public String user() {
        return getString(CONNECTION_USER);
    }

    public Password password() {
        return getPassword(CONNECTION_PASSWORD);
    }

    public List<String> tables() {
        return getList(TABLES);
    }

    public String topicTemplate() {
        return getString(TOPIC_TEMPLATE);
    }

    public Mode mode() {
        return Mode.valueOf(getString(MODE).toUpperCase(Locale.ROOT));
    }

    private static final class JdbcUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String url = (String) value;
            if (url == null || !url.startsWith("jdbc:") || url.length() <= "jdbc:".length()) {
                // The value itself may hold credentials, so it is not echoed back.
                throw new ConfigException(name + " must be a JDBC URL starting with 'jdbc:'");
            }
        }

        @Override
        public String toString() {
            return "a JDBC URL, jdbc:<driver>:...";
        }
    }

    private static final class NonEmptyList implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> list = (List<?>) value;
            if (list == null || list.isEmpty() || list.stream().anyMatch(item -> item.toString().isBlank())) {
                throw new ConfigException(name, value, "must name at least one table, with no empty entries");
            }
        }

        @Override
        public String toString() {
            return "a non-empty list";
        }
    }
}

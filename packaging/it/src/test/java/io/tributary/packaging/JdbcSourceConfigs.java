package io.tributary.packaging;

import io.tributary.testkit.TestPostgres;
import java.util.HashMap;
import java.util.Map;

/** The start of every JDBC source connector config in these tests: the connector, one task, the database. */
final class JdbcSourceConfigs {

    private JdbcSourceConfigs() {
    }

    /** A mutable config reading {@code database} on {@code postgres} with one task; add what the test needs. */
    static Map<String, String> reading(TestPostgres postgres, String database) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.tributary.connect.jdbc.TributaryJdbcSourceConnector");
        config.put("tasks.max", "1");
        config.put("connection.url", postgres.jdbcUrl(database));
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        return config;
    }
}

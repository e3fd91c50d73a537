package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestPostgresIT {

    @Test
    void startsARealServerWithSeparateDatabases() throws Exception {
        try (TestPostgres postgres = TestPostgres.start()) {
            String url = postgres.createDatabase("retail");
            assertThat(url).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/retail");

            try (Connection connection = postgres.connect("retail"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2))");
                statement.execute("INSERT INTO orders VALUES (1, 19.99), (2, 5.01)");
                try (ResultSet sum = statement.executeQuery("SELECT sum(total), version() FROM orders")) {
                    sum.next();
                    assertThat(sum.getBigDecimal(1)).isEqualByComparingTo("25.00");
                    assertThat(sum.getString(2)).startsWith("PostgreSQL");
                }
            }
            assertThatThrownBy(() -> postgres.createDatabase("Robert'); DROP"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void appliesServerSettings() throws Exception {
        try (TestPostgres postgres = TestPostgres.start(Map.of("wal_level", "logical", "max_wal_senders", "4"));
                Connection connection = postgres.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet walLevel = statement.executeQuery("SHOW wal_level")) {
            walLevel.next();
            assertThat(walLevel.getString(1)).isEqualTo("logical");
        }
    }
}

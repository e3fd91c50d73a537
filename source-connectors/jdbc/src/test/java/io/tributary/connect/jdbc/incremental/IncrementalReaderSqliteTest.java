package io.tributary.connect.jdbc.incremental;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.SqliteDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalReaderSqliteTest extends IncrementalReaderContract {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    private final Dialect dialect = new SqliteDialect();
    @TempDir
    Path directory;
    private int files;
    private String url;

    @Override
    Dialect dialect() {
        return dialect;
    }

    @Override
    Connection openNewDatabase() throws SQLException {
        url = "jdbc:sqlite:" + directory.resolve("db" + ++files + ".sqlite");
        Connection connection = connectAgain();
        try (Statement statement = connection.createStatement()) {
            // Readers and a writer's open transaction side by side.
            statement.execute("PRAGMA journal_mode = WAL");
        }
        return connection;
    }

    @Override
    Connection connectAgain() throws SQLException {
        return dialect.connect(url, null, null);
    }

    @Override
    String integerType() {
        return "INTEGER";
    }

    @Override
    String textType() {
        return "TEXT";
    }

    @Override
    List<String> timestampTypes() {
        return List.of("TIMESTAMP");
    }

    @Override
    String timestampText(Instant instant, String type) {
        return TEXT.format(instant.atOffset(ZoneOffset.UTC));
    }

    @Override
    Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    String now() {
        return "strftime('%Y-%m-%d %H:%M:%f', 'now')";
    }

    @Override
    boolean concurrentWriters() {
        return false;
    }

    @Test
    void timestampTextOfAnotherShapeIsAnErrorRatherThanLostOrRepeatedRows() throws SQLException {
        connection = openNewDatabase();
        execute("CREATE TABLE events (id INTEGER PRIMARY KEY, ts TIMESTAMP)");
        // SQLite's CURRENT_TIMESTAMP form: whole seconds, which sort before the bound's '.000'.
        execute("INSERT INTO events VALUES (1, '2026-01-01 10:00:00')");

        assertThatThrownBy(() -> reader("events", IncrementalSpec.timestamp("ts", Duration.ZERO))
                .next(connection, null, 10)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'ts'").hasMessageContaining("yyyy-MM-dd HH:mm:ss.SSS");
    }
}

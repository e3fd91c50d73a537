package io.tributary.connect.jdbc.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.PostgresDialect;
import io.tributary.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IncrementalReaderPostgresTest extends IncrementalReaderContract {

    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter WITH_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
    private static TestPostgres postgres;
    private static int databases;

    private final Dialect dialect = new PostgresDialect();
    private String database;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    Dialect dialect() {
        return dialect;
    }

    @Override
    Connection openNewDatabase() throws SQLException {
        database = "incremental_" + ++databases;
        postgres.createDatabase(database);
        return connectAgain();
    }

    @Override
    Connection connectAgain() throws SQLException {
        return dialect.connect(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }

    @Override
    String integerType() {
        return "bigint";
    }

    @Override
    String textType() {
        return "text";
    }

    @Override
    List<String> timestampTypes() {
        return List.of("timestamp", "timestamptz");
    }

    /** TIMESTAMP as UTC wall-clock text; TIMESTAMPTZ with another offset than UTC, to be sure it is an instant. */
    @Override
    String timestampText(Instant instant, String type) {
        return type.equals("timestamptz") ? WITH_OFFSET.format(instant.atOffset(ZoneOffset.ofHoursMinutes(5, 30)))
                : WALL_CLOCK.format(instant.atOffset(ZoneOffset.UTC));
    }

    @Override
    String timestampCast(String type) {
        return "CAST(? AS " + type + ")";
    }

    @Override
    Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    String now() {
        return "(now() AT TIME ZONE 'UTC')";
    }

    @Override
    boolean concurrentWriters() {
        return true;
    }

    /** A DATE is the UTC midnight starting it, as a value and as a bound. */
    @Test
    void aDateColumnOrdersByDay() throws SQLException {
        connection = openNewDatabase();
        execute("CREATE TABLE days (id bigint PRIMARY KEY, day date)");
        execute("INSERT INTO days VALUES (1, '2026-01-01'), (2, '2026-01-01'), (3, '2026-01-02'), "
                + "(4, CURRENT_DATE + 2)");
        IncrementalReader reader = reader("days", IncrementalSpec.timestamp("day", Duration.ZERO));

        List<IncrementalRow> first = reader.next(connection, null, 2);
        List<IncrementalRow> rest = reader.next(connection, roundTrip(first.get(1).position(),
                io.tributary.connect.jdbc.offsets.OffsetMode.TIMESTAMP), 10);

        assertThat(first).extracting(row -> row.value().getInt64("id")).containsExactly(1L, 2L);
        assertThat(first.get(1).position()).isEqualTo(new IncrementalPosition(Instant.parse("2026-01-01T00:00:00Z"),
                2L));
        assertThat(rest).extracting(row -> row.value().getInt64("id")).as("not the future day").containsExactly(3L);
    }
}

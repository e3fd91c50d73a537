package io.tributary.connect.jdbc.incremental;

import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.PostgresDialect;
import io.tributary.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}

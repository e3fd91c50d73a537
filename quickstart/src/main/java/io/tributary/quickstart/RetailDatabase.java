package io.tributary.quickstart;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * The sample shop's database: a real PostgreSQL server (embedded binaries, data in {@code dataDir}) holding a
 * {@code retail} database with customers ({@code public.users}) and several days of orders
 * ({@code public.orders}), seeded from a fixed seed on first start. The JDBC source snapshots both; the clicks'
 * Enrich transform looks customers up in {@code users}.
 */
final class RetailDatabase implements AutoCloseable {

    static final String DATABASE = "retail";
    static final String USER = "retail";
    static final String PASSWORD = "retail";
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "GB", "US", "SE", "PL", "ES", "IT"};
    private static final String[] SEGMENTS = {"new", "silver", "gold"};
    private static final String[] STATUSES = {"placed", "paid", "shipped", "delivered", "returned"};

    private final EmbeddedPostgres postgres;
    private final int port;

    private RetailDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /** Starts the server on {@code port}, creating and seeding the database the first time. */
    static RetailDatabase start(Path dataDir, int port, Path schema, int users, int days, int ordersPerDay,
            Instant now) {
        Path pgData = dataDir.resolve("postgres");
        boolean fresh = !Files.isDirectory(pgData);
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(pgData)
                    .setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL on port " + port, e);
        }
        RetailDatabase database = new RetailDatabase(postgres, port);
        if (fresh) {
            database.seed(schema, users, days, ordersPerDay, now);
        }
        return database;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    Connection connect() throws SQLException {
        return postgres.getDatabase("postgres", DATABASE).getConnection(USER, PASSWORD);
    }

    /**
     * Creates the role and the database, the tables of connector-configs/retail/schema.sql, and fills them:
     * {@code users} customers, and {@code ordersPerDay} orders a day over the last {@code days} days up to now.
     */
    private void seed(Path schema, int users, int days, int ordersPerDay, Instant now) {
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement =
                admin.createStatement()) {
            statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the retail database", e);
        }
        Random random = new Random(20261203L);
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(Files.readString(schema));
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO public.users VALUES (?, ?, ?, ?, ?)")) {
                for (long id = 1; id <= users; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "customer" + id + "@example.com");
                    insert.setString(3, SEGMENTS[random.nextInt(SEGMENTS.length)]);
                    insert.setString(4, COUNTRIES[random.nextInt(COUNTRIES.length)]);
                    insert.setTimestamp(5, Timestamp.from(now.minus(Duration.ofDays(30 + random.nextInt(700)))));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Instant firstDay = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days - 1L));
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO public.orders VALUES (?, ?, ?, ?, ?, ?)")) {
                long orderId = 1;
                for (int day = 0; day < days; day++) {
                    for (int i = 0; i < ordersPerDay; i++) {
                        Instant at = firstDay.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400));
                        if (at.isAfter(now)) {
                            continue;  // today's orders so far
                        }
                        insert.setLong(1, orderId++);
                        insert.setLong(2, 1 + random.nextInt(users));
                        insert.setTimestamp(3, Timestamp.from(at));
                        insert.setString(4, STATUSES[random.nextInt(STATUSES.length)]);
                        insert.setBigDecimal(5, BigDecimal.valueOf(500 + random.nextInt(30_000), 2));
                        insert.setString(6, "EUR");
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            try (Statement statement = connection.createStatement()) {
                // Fresh statistics, as autovacuum would have by tonight: the snapshot's progress has an estimate.
                statement.execute("ANALYZE public.users, public.orders");
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not seed the retail database", e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

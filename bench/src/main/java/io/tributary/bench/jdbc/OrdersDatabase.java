package io.tributary.bench.jdbc;

import io.tributary.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source every system reads: the test kit's embedded PostgreSQL, with logical decoding on (Debezium needs
 * it; the others run on the same server so that all read the same way), holding one retail {@code orders}
 * table of 12 columns, filled by one {@code INSERT ... SELECT} over {@code generate_series}.
 */
final class OrdersDatabase implements AutoCloseable {

    static final String DATABASE = "retail";
    static final String SCHEMA = "public";
    static final String TABLE = "orders";
    static final String QUALIFIED_TABLE = SCHEMA + "." + TABLE;

    /** Logical decoding for Debezium's pgoutput, with room for a replication slot per shot. */
    private static final Map<String, String> SERVER_CONFIG =
            Map.of("wal_level", "logical", "max_replication_slots", "8", "max_wal_senders", "8");

    private static final String CREATE = """
            CREATE TABLE public.orders (
                id bigint PRIMARY KEY,
                customer bigint NOT NULL,
                status text NOT NULL,
                amount numeric(12,2) NOT NULL,
                currency char(3) NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamp NOT NULL,
                quantity int NOT NULL,
                discount double precision NOT NULL,
                is_gift boolean NOT NULL,
                note text,
                sku varchar(32) NOT NULL)""";

    /** Deterministic, varied values; a quarter of the notes are null. */
    private static final String FILL = """
            INSERT INTO public.orders
            SELECT i,
                   (i::bigint * 7919) % 100000,
                   (ARRAY['placed', 'paid', 'shipped', 'delivered', 'returned'])[1 + i % 5],
                   round(((i::bigint * 37) % 1000000) / 100.0, 2),
                   (ARRAY['EUR', 'USD', 'GBP'])[1 + i % 3],
                   timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second',
                   timestamp '2026-01-01 00:00:00' + i * interval '1 second' + (i % 7200) * interval '1 second',
                   1 + i % 9,
                   (i % 20) / 100.0,
                   i % 10 = 0,
                   CASE WHEN i % 4 <> 0 THEN 'leave at the door, ring twice (order ' || i || ')' END,
                   'SKU-' || lpad((i % 50000)::text, 8, '0')
            FROM generate_series(1, ?) AS i""";

    private static final Logger LOG = LoggerFactory.getLogger(OrdersDatabase.class);

    private final TestPostgres postgres;

    private OrdersDatabase(TestPostgres postgres) {
        this.postgres = postgres;
    }

    /** A new server with {@code rows} orders, vacuumed so that no reader pays for setting hint bits. */
    static OrdersDatabase start(int rows) {
        TestPostgres postgres = TestPostgres.start(SERVER_CONFIG);
        try {
            postgres.createDatabase(DATABASE);
            long start = System.nanoTime();
            try (Connection connection = postgres.connect(DATABASE);
                    Statement statement = connection.createStatement();
                    PreparedStatement fill = connection.prepareStatement(FILL)) {
                statement.execute(CREATE);
                fill.setInt(1, rows);
                fill.executeUpdate();
                statement.execute("VACUUM (FREEZE, ANALYZE) public.orders");
            }
            LOG.info("{} orders generated in {} ms", rows, (System.nanoTime() - start) / 1_000_000);
            return new OrdersDatabase(postgres);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw new IllegalStateException("Could not create the orders table", e);
        }
    }

    int port() {
        return postgres.port();
    }

    String url() {
        return postgres.jdbcUrl(DATABASE);
    }

    String user() {
        return postgres.user();
    }

    String password() {
        return postgres.password();
    }

    Connection connect() throws SQLException {
        return postgres.connect(DATABASE);
    }

    /** Drops replication slots no connector uses any more, so no shot leaves WAL pinned for the next. */
    void dropIdleReplicationSlots() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop idle replication slots", e);
        }
    }

    @Override
    public void close() {
        postgres.close();
    }
}

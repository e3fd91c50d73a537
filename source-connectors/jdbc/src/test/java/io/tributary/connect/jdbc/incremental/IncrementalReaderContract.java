package io.tributary.connect.jdbc.incremental;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.catalog.TableDescription;
import io.tributary.connect.jdbc.catalog.TableDiscovery;
import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.dialect.CustomQuery;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.offsets.OffsetMode;
import io.tributary.connect.jdbc.offsets.TableOffset;
import io.tributary.connect.jdbc.offsets.TablePartition;
import io.tributary.connect.jdbc.schema.TypeMappingOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.stream.LongStream;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every database must do under the incremental reader; one subclass per database. Each test gets a fresh
 * database from {@link #openNewDatabase()} and further connections to it from {@link #connectAgain()}.
 */
abstract class IncrementalReaderContract {

    private static final TablePartition PARTITION = TablePartition.table("t");
    private static final JsonConverter OFFSET_STORE = new JsonConverter();

    static {
        OFFSET_STORE.configure(Map.of("schemas.enable", "false"), false);
    }

    protected Connection connection;
    private final List<Connection> others = new ArrayList<>();

    abstract Dialect dialect();

    /** A connection to a new, empty database; also assigned to {@link #connection}. */
    abstract Connection openNewDatabase() throws SQLException;

    /** Another connection to the database of the test. */
    abstract Connection connectAgain() throws SQLException;

    /** Column types: whole numbers, text, and each timestamp type the database has. */
    abstract String integerType();

    abstract String textType();

    abstract List<String> timestampTypes();

    /** SQL text a timestamp column of {@code type} stores for {@code instant}, written by hand, not by the code. */
    abstract String timestampText(Instant instant, String type);

    /** {@code instant} at the finest precision the database stores. */
    abstract Instant stored(Instant instant);

    /** An expression of the database's current time, as a value of a column of the first timestamp type. */
    abstract String now();

    /** Whether a second writer can commit while a first one's transaction is open. */
    abstract boolean concurrentWriters();

    @AfterEach
    void closeConnections() throws SQLException {
        for (Connection other : others) {
            other.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void incrementingReadsInOrderResumesAfterTheStoredPositionAndKnowsTheLatest() throws SQLException {
        open();
        execute("CREATE TABLE items (id " + integerType() + " PRIMARY KEY, name " + textType() + ")");
        insertRows("INSERT INTO items (id, name) VALUES (?, 'n')", LongStream.rangeClosed(1, 25).toArray());
        IncrementalReader reader = reader("items", IncrementalSpec.incrementing("id"));

        List<Long> ids = new ArrayList<>();
        IncrementalPosition stored = null;
        List<IncrementalRow> rows;
        while (!(rows = reader("items", IncrementalSpec.incrementing("id")).next(connection, stored, 10)).isEmpty()) {
            assertThat(rows).hasSizeLessThanOrEqualTo(10).allMatch(IncrementalRow::endsWindow);
            rows.forEach(row -> ids.add(row.value().getInt64("id")));
            stored = roundTrip(rows.get(rows.size() - 1).position(), OffsetMode.INCREMENTING);
        }

        assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
        assertThat(stored).isEqualTo(new IncrementalPosition(null, 25L));
        assertThat(reader.current(connection)).isEqualTo(new IncrementalPosition(null, 25L));
        assertThat(reader.keySchema().fields()).extracting(field -> field.name()).containsExactly("id");
        // The documented limit: a row committed late with a lower id than one already read is never read.
        execute("INSERT INTO items (id, name) VALUES (0, 'late')");
        assertThat(reader.next(connection, stored, 10)).isEmpty();
        assertThat(reader.next(connection, IncrementalPosition.startingAt(
                new io.tributary.connect.jdbc.offsets.StartFrom(null, 25L)), 10)).hasSize(1);
    }

    @Test
    void timestampIncrementingResumesInsideARunOfEqualTimestampsExactly() throws SQLException {
        open();
        execute("CREATE TABLE events (id " + integerType() + " PRIMARY KEY, ts " + firstTimestampType() + ")");
        Instant base = stored(Instant.parse("2026-01-01T10:00:00.123456Z"));
        List<Long> expected = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events VALUES (?, "
                + timestampCast() + ")")) {
            for (long id = 1; id <= 40; id++) {
                // ids out of timestamp order, and runs of 10 rows sharing one timestamp
                Instant ts = base.plus((id * 7 % 4), ChronoUnit.SECONDS);
                insert.setLong(1, id);
                insert.setString(2, timestampText(ts, firstTimestampType()));
                insert.addBatch();
                expected.add(id);
            }
            insert.executeBatch();
        }
        IncrementalSpec spec = IncrementalSpec.timestampIncrementing("ts", "id", Duration.ofSeconds(1));

        List<Long> read = readAll("events", spec, 7, OffsetMode.TIMESTAMP_INCREMENTING, new Random(1), true);

        assertThat(read).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
        IncrementalRow last = reader("events", spec).next(connection, null, 100).get(39);
        assertThat(last.position().timestamp()).isEqualTo(base.plusSeconds(3));
        assertThat(roundTrip(last.position(), OffsetMode.TIMESTAMP_INCREMENTING)).isEqualTo(last.position());
    }

    @Test
    void aRowCommittedLateWithinTheSafetyDelayIsStillRead() throws Exception {
        open();
        execute("CREATE TABLE events (id " + integerType() + " PRIMARY KEY, ts " + firstTimestampType() + ")");
        IncrementalSpec delayed = IncrementalSpec.timestampIncrementing("ts", "id", Duration.ofSeconds(1));
        IncrementalSpec undelayed = IncrementalSpec.timestampIncrementing("ts", "id", Duration.ZERO);
        Connection longTransaction = another();
        longTransaction.setAutoCommit(false);
        try (Statement statement = longTransaction.createStatement()) {
            // Like a sequence value taken before a long transaction commits: a low id, an early timestamp.
            statement.execute("INSERT INTO events VALUES (1, " + now() + ")");
        }
        IncrementalPosition undelayedPosition = null;
        if (concurrentWriters()) {
            Thread.sleep(20);
            try (Statement statement = another().createStatement()) {
                statement.execute("INSERT INTO events VALUES (2, " + now() + ")");
            }
            List<IncrementalRow> rows = reader("events", undelayed).next(connection, null, 100);
            assertThat(ids(rows)).as("without a delay only the committed row is read").containsExactly(2L);
            undelayedPosition = rows.get(0).position();
        }
        assertThat(reader("events", delayed).next(connection, null, 100)).as("within the delay nothing is read")
                .isEmpty();

        longTransaction.commit();

        List<Long> read = new ArrayList<>();
        IncrementalPosition position = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int expected = concurrentWriters() ? 2 : 1;
        while (read.size() < expected && System.nanoTime() < deadline) {
            List<IncrementalRow> rows = reader("events", delayed).next(connection, position, 100);
            read.addAll(ids(rows));
            position = rows.isEmpty() ? position : roundTrip(rows.get(rows.size() - 1).position(),
                    OffsetMode.TIMESTAMP_INCREMENTING);
            Thread.sleep(100);
        }
        assertThat(read).isEqualTo(concurrentWriters() ? List.of(1L, 2L) : List.of(1L));
        if (concurrentWriters()) {
            assertThat(reader("events", undelayed).next(connection, undelayedPosition, 100))
                    .as("the documented limit of a zero delay: the late row is lost").isEmpty();
        }
    }

    @Test
    void timestampModeWithAKeyDeliversThousandsOfEqualTimestampsExactlyOnceAcrossRestarts() throws SQLException {
        open();
        execute("CREATE TABLE audit (id " + integerType() + " PRIMARY KEY, ts " + firstTimestampType() + ")");
        List<Long> ids = insertEqualTimestamps("audit");

        List<Long> read = readAll("audit", IncrementalSpec.timestamp("ts", Duration.ZERO), 100, OffsetMode.TIMESTAMP,
                new Random(7), true);

        assertThat(read).hasSameSizeAs(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void timestampModeWithoutAKeyReadsWholeWindowsAtLeastOnceAndCompletely() throws SQLException {
        open();
        execute("CREATE TABLE audit (id " + integerType() + ", ts " + firstTimestampType() + ")");
        List<Long> ids = insertEqualTimestamps("audit");
        IncrementalSpec spec = IncrementalSpec.timestamp("ts", Duration.ZERO);

        List<IncrementalRow> first = reader("audit", spec).next(connection, null, 3);
        assertThat(first).hasSize(3).allMatch(IncrementalRow::endsWindow);
        List<IncrementalRow> window = reader("audit", spec).next(connection, first.get(2).position(), 100);
        assertThat(window).as("the 5,000 rows of one timestamp come in one call").hasSize(5_000);
        assertThat(window.subList(0, 4_999)).allMatch(row -> !row.endsWindow()
                && row.position().equals(first.get(2).position()));
        assertThat(window.get(4_999).endsWindow()).isTrue();
        IncrementalPosition withTiebreaker = new IncrementalPosition(window.get(4_999).position().timestamp(), 17L);
        assertThat(reader("audit", spec).next(connection, withTiebreaker, 100))
                .as("a tiebreaker the table no longer has reads its timestamp again").hasSize(5_000);

        List<Long> read = readAll("audit", spec, 100, OffsetMode.TIMESTAMP, new Random(7), false);
        assertThat(read).containsAll(ids);
        assertThat(new HashSet<>(read)).hasSameSizeAs(ids);
    }

    @Test
    void bothBoundsFollowTheOneTimeZoneRuleWhateverTheJvmZone() throws SQLException {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            open(); // after the change: pgjdbc sets the session's zone from the JVM's
            for (String type : timestampTypes()) {
                String table = "t_" + type.replaceAll("\\W", "_").toLowerCase();
                execute("CREATE TABLE " + table + " (id " + integerType() + " PRIMARY KEY, ts " + type + ")");
                Instant now = dialect().currentTime(connection);
                Instant past = stored(now.minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS)
                        .plusNanos(123_456_000));
                Instant future = now.plus(30, ChronoUnit.MINUTES);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, "
                        + timestampCast(type) + ")")) {
                    insert.setLong(1, 1);
                    insert.setString(2, timestampText(past, type));
                    insert.execute();
                    insert.setLong(1, 2);
                    insert.setString(2, timestampText(future, type));
                    insert.execute();
                }
                IncrementalReader reader = reader(table, IncrementalSpec.timestamp("ts", Duration.ZERO));

                List<IncrementalRow> rows = reader.next(connection, null, 10);

                assertThat(ids(rows)).as(type + ": the future row is beyond the upper bound").containsExactly(1L);
                assertThat(rows.get(0).position()).isEqualTo(new IncrementalPosition(past, 1L));
                assertThat(((java.util.Date) rows.get(0).value().get("ts")).toInstant())
                        .isEqualTo(past.truncatedTo(ChronoUnit.MILLIS));
                assertThat(reader.next(connection, roundTrip(rows.get(0).position(), OffsetMode.TIMESTAMP), 10))
                        .as(type + ": the lower bound excludes the row exactly at it").isEmpty();
                assertThat(reader.next(connection, new IncrementalPosition(past.minusNanos(1_000_000), null), 10))
                        .hasSize(1);
            }
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void aCustomQueryIsWrappedWithItsOwnWhereAndOrderBy() throws SQLException {
        open();
        execute("CREATE TABLE items (id " + integerType() + " PRIMARY KEY, name " + textType() + ")");
        execute("INSERT INTO items VALUES (1, 'a'), (2, 'skip'), (3, 'c'), (4, 'd')");
        IncrementalReader reader = IncrementalReader.forQuery(dialect(), "named",
                CustomQuery.of("SELECT id, name FROM items WHERE name <> 'skip' ORDER BY name DESC;"),
                IncrementalSpec.incrementing("id"), TypeMappingOptions.DEFAULTS, connection);

        assertThat(ids(reader.next(connection, null, 10))).containsExactly(1L, 3L, 4L);
        assertThat(ids(reader.next(connection, new IncrementalPosition(null, 1L), 10))).containsExactly(3L, 4L);
        assertThat(reader.current(connection)).isEqualTo(new IncrementalPosition(null, 4L));
        assertThat(reader.keySchema()).isNull();
        assertThat(reader.valueSchema().field("name")).isNotNull();
    }

    @Test
    void columnsAreQuotedAndPositionsBound() throws SQLException {
        open();
        String evil = "x\"; DROP TABLE victim; --";
        execute("CREATE TABLE victim (id " + integerType() + ")");
        execute("CREATE TABLE odd (" + dialect().quoteIdentifier(evil) + " " + integerType() + " PRIMARY KEY)");
        execute("INSERT INTO odd VALUES (1), (2)");

        IncrementalReader reader = reader("odd", IncrementalSpec.incrementing(evil));

        assertThat(reader.next(connection, new IncrementalPosition(null, 1L), 10)).hasSize(1);
        assertThat(reader.current(connection)).isEqualTo(new IncrementalPosition(null, 2L));
        execute("SELECT * FROM victim");
    }

    @Test
    void aMissingAmbiguousOrUnusableColumnIsAnErrorNamingTableAndColumn() throws SQLException {
        open();
        execute("CREATE TABLE items (id " + integerType() + " PRIMARY KEY, note " + textType() + ", ts "
                + firstTimestampType() + ")");

        assertThatThrownBy(() -> reader("items", IncrementalSpec.incrementing("ID")))
                .isInstanceOf(ConnectException.class).hasMessageContaining("'ID'").hasMessageContaining("items")
                .hasMessageContaining("[id]");
        assertThatThrownBy(() -> reader("items", IncrementalSpec.timestamp("note", Duration.ZERO)))
                .isInstanceOf(ConnectException.class).hasMessageContaining("'note'").hasMessageContaining("items");
        assertThatThrownBy(() -> reader("items", IncrementalSpec.incrementing("ts")))
                .isInstanceOf(ConnectException.class).hasMessageContaining("'ts'")
                .hasMessageContaining("integer or a text");
        if (dialect().name().equals("sqlite")) {
            return; // SQLite renames a subquery's duplicate column ("id:1"), so the name is not ambiguous there
        }
        assertThatThrownBy(() -> IncrementalReader.forQuery(dialect(), "joined",
                CustomQuery.of("SELECT id, note AS id FROM items"),
                IncrementalSpec.incrementing("id"), TypeMappingOptions.DEFAULTS, connection))
                .isInstanceOf(ConnectException.class).hasMessageContaining("ambiguous")
                .hasMessageContaining("joined");
    }

    /**
     * Reads everything, restarting a new reader from the stored position after a "crash" at random points:
     * only a prefix of a batch is delivered and its last position stored, through the offset store's JSON.
     */
    private List<Long> readAll(String table, IncrementalSpec spec, int maxRows, OffsetMode mode, Random random,
            boolean checkEndsWindow) throws SQLException {
        List<Long> delivered = new ArrayList<>();
        IncrementalPosition stored = null;
        for (int calls = 0; calls < 10_000; calls++) {
            List<IncrementalRow> rows = reader(table, spec).next(connection, stored, maxRows);
            if (rows.isEmpty()) {
                return delivered;
            }
            int deliver = random.nextInt(4) == 0 ? random.nextInt(rows.size()) : rows.size();
            for (IncrementalRow row : rows.subList(0, deliver)) {
                delivered.add(row.value().getInt64("id"));
                if (checkEndsWindow) {
                    assertThat(row.endsWindow()).isTrue();
                }
                stored = row.position() == null ? null : roundTrip(row.position(), mode);
            }
        }
        throw new AssertionError("the read did not end");
    }

    /** Three early rows, 5,000 sharing one timestamp (ids in random order), three late ones. */
    private List<Long> insertEqualTimestamps(String table) throws SQLException {
        Instant base = stored(Instant.parse("2026-01-01T00:00:00.654321Z"));
        List<Long> ids = new ArrayList<>(LongStream.rangeClosed(1, 5_006).boxed().toList());
        java.util.Collections.shuffle(ids, new Random(3));
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, "
                + timestampCast() + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                Instant ts = i < 3 ? base.minusSeconds(10 - i) : i >= 5_003 ? base.plusSeconds(i - 5_000) : base;
                insert.setLong(1, ids.get(i));
                insert.setString(2, timestampText(ts, firstTimestampType()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
        return ids;
    }

    /** Through what Connect does with an offset: the map, its JSON store and back. */
    static IncrementalPosition roundTrip(IncrementalPosition position, OffsetMode mode) {
        Map<String, Object> map = position.storeIn(TableOffset.initial(mode)).toMap();
        byte[] json = OFFSET_STORE.fromConnectData("offsets", null, map);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) OFFSET_STORE.toConnectData("offsets", json).value();
        return IncrementalPosition.of(TableOffset.fromMap(PARTITION, read));
    }

    IncrementalReader reader(String table, IncrementalSpec spec) throws SQLException {
        TableDescription description = new TableDiscovery(dialect()).describe(connection, TableId.of(null, table));
        return new IncrementalReader(dialect(), description, spec, TypeMappingOptions.DEFAULTS);
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** How a text parameter becomes a timestamp of {@code type} ({@code ?} where no cast is needed). */
    String timestampCast(String type) {
        return "?";
    }

    private String timestampCast() {
        return timestampCast(firstTimestampType());
    }

    private String firstTimestampType() {
        return timestampTypes().get(0);
    }

    private void open() throws SQLException {
        connection = openNewDatabase();
    }

    private Connection another() throws SQLException {
        Connection other = connectAgain();
        others.add(other);
        return other;
    }

    private void insertRows(String sql, long[] ids) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (long id : ids) {
                insert.setLong(1, id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<Long> ids(List<IncrementalRow> rows) {
        return rows.stream().map(IncrementalRow::value).map(value -> value.getInt64("id")).toList();
    }
}

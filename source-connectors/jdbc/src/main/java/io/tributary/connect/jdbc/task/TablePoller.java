package io.tributary.connect.jdbc.task;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/** How a task in one mode reads its tables, one poll at a time; {@code JdbcSourceTask} drives it. */
public interface TablePoller extends AutoCloseable {

    /**
     * The next records, at most {@code maxRecords}; empty when nothing is due now.
     *
     * @throws SQLException from the database; the task decides whether to retry or fail
     */
    List<SourceRecord> poll(int maxRecords) throws SQLException;

    /** After an empty poll: when something is due next, or null when not known. */
    Instant wakeUp();

    /** The table being read, for errors; null between tables. */
    ReadTarget reading();

    /** Drops what is open on the database after a failure; the next poll reopens from the last offset. */
    void abandon();

    /** Stops reading a table (a discovered table that was dropped). */
    void remove(ReadTarget target);

    @Override
    void close();
}

package io.tributary.connect.jdbc.task;

import io.tributary.connect.jdbc.config.ConnectionSettings;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.JdbcUrls;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's way to the database: one long-lived connection for catalog work (describing tables, estimates,
 * the clock) and a fresh connection per consistent read; and the backoff after failures, doubling from
 * {@code connection.backoff.ms} to {@code connection.backoff.max.ms}, during which the task stays RUNNING and
 * polls return nothing.
 */
public final class DatabaseAccess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAccess.class);

    private final Dialect dialect;
    private final ConnectionSettings settings;
    private final Clock clock;
    private Connection catalog;
    private Duration backoff;
    private Instant nextAttempt = Instant.MIN;
    private int consecutiveFailures;

    public DatabaseAccess(Dialect dialect, ConnectionSettings settings, Clock clock) {
        this.dialect = dialect;
        this.settings = settings;
        this.clock = clock;
        this.backoff = settings.backoff();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The shared connection for catalog work, opened when first needed. */
    public Connection catalog() throws SQLException {
        if (catalog == null || catalog.isClosed()) {
            catalog = open();
        }
        return catalog;
    }

    /** A new connection the caller owns, for one consistent read. */
    public Connection open() throws SQLException {
        return dialect.connect(settings.url(), settings.user(), settings.password());
    }

    /** Whether the backoff after the last failure is over. */
    public boolean mayTry() {
        return !clock.instant().isBefore(nextAttempt);
    }

    public Instant nextAttempt() {
        return nextAttempt;
    }

    public void succeeded() {
        if (consecutiveFailures > 0) {
            LOG.info("Connected to the {} database at {} again after {} failed attempt(s)", dialect.name(),
                    JdbcUrls.redacted(settings.url()), consecutiveFailures);
        }
        consecutiveFailures = 0;
        backoff = settings.backoff();
    }

    /**
     * Records a failure that looks like the database or the network, drops the catalog connection and sets
     * the next attempt. Logged at WARN with the driver's message (the URL redacted, no password) so that the
     * cause is visible while the task stays RUNNING.
     */
    public void failed(String what, SQLException cause) {
        consecutiveFailures++;
        nextAttempt = clock.instant().plus(backoff);
        LOG.warn("{} failed ({} time(s) in a row) on the {} database at {}: {} (SQLState {}); retrying in {} ms",
                what, consecutiveFailures, dialect.name(), JdbcUrls.redacted(settings.url()), safeMessage(cause),
                cause.getSQLState(), backoff.toMillis());
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
        closeCatalog();
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /**
     * Whether a failure is the connection's (worth retrying after a backoff) rather than the statement's:
     * SQLState classes 08 (connection), 53 (insufficient resources) and 57 (operator intervention, e.g. a
     * server shutting down), JDBC's transient and recoverable exceptions, or a connection that no longer works.
     */
    public boolean isConnectionProblem(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"))) {
            return true;
        }
        try {
            return catalog != null && !catalog.isValid(2);
        } catch (SQLException ignored) {
            return true;
        }
    }

    /** The driver's message, with the URL and password taken out should a driver echo them. */
    public String safeMessage(SQLException e) {
        return JdbcUrls.scrub(e.getMessage(), settings.url(), settings.password());
    }

    private void closeCatalog() {
        if (catalog != null) {
            try {
                catalog.close();
            } catch (SQLException e) {
                LOG.debug("Closing the catalog connection failed", e);
            }
            catalog = null;
        }
    }

    @Override
    public void close() {
        closeCatalog();
    }
}

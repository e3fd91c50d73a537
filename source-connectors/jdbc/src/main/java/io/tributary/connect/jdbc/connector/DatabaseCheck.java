package io.tributary.connect.jdbc.connector;

import io.tributary.connect.jdbc.JdbcSourceConfig;
import io.tributary.connect.jdbc.catalog.TableDescription;
import io.tributary.connect.jdbc.catalog.TableDiscovery;
import io.tributary.connect.jdbc.catalog.TableId;
import io.tributary.connect.jdbc.catalog.TableNotFoundException;
import io.tributary.connect.smt.config.ConfigProblem;
import io.tributary.connect.jdbc.config.ConnectionSettings;
import io.tributary.connect.jdbc.config.IncrementalSettings;
import io.tributary.connect.jdbc.config.ModeSettings;
import io.tributary.connect.jdbc.config.SelectionSettings;
import io.tributary.connect.jdbc.config.SnapshotSettings;
import io.tributary.connect.jdbc.dialect.Dialect;
import io.tributary.connect.jdbc.dialect.Dialects;
import io.tributary.connect.jdbc.dialect.JdbcUrls;
import io.tributary.connect.jdbc.schema.JdbcColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The checks of {@code validate()} that need the database: it can be reached with the credentials given, and
 * the tables and columns the configuration names exist. Each problem is reported on the key to change; no
 * message holds the password or the URL's credentials.
 */
public final class DatabaseCheck {

    private final JdbcSourceConfig config;
    private final Dialect dialect;
    private final Duration timeout;

    public DatabaseCheck(JdbcSourceConfig config, Duration timeout) {
        this.config = config;
        this.dialect = Dialects.forUrl(config.connection().url());
        this.timeout = timeout;
    }

    /** Runs the checks on a thread of its own, so that a database that does not answer costs {@code timeout}. */
    public List<ConfigProblem> problems() {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tributary-jdbc-validate");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<List<ConfigProblem>> result = executor.submit(this::check);
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return List.of(new ConfigProblem(ConnectionSettings.URL, "The " + dialect.name() + " database at "
                    + redactedUrl() + " did not answer within " + timeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            return List.of(new ConfigProblem(ConnectionSettings.URL, "Checking the database failed: "
                    + safe(String.valueOf(e.getCause().getMessage()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            executor.shutdownNow();
        }
    }

    private List<ConfigProblem> check() {
        List<ConfigProblem> problems = new ArrayList<>();
        ConnectionSettings connection = config.connection();
        try (Connection db = dialect.connect(connection.url(), connection.user(), connection.password())) {
            if (config.selection().style() == SelectionSettings.Style.QUERY) {
                checkQuery(db, problems);
            } else if (config.selection().style() == SelectionSettings.Style.TABLES) {
                checkTables(db, problems);
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            // SQLState class 28: invalid authorization, i.e. the user or password.
            String key = state.startsWith("28") ? ConnectionSettings.PASSWORD : ConnectionSettings.URL;
            problems.add(new ConfigProblem(key, "Cannot connect to the " + dialect.name() + " database at "
                    + redactedUrl() + ": " + safe(String.valueOf(e.getMessage()))));
        }
        return problems;
    }

    private void checkTables(Connection db, List<ConfigProblem> problems) throws SQLException {
        TableDiscovery discovery = new TableDiscovery(dialect);
        for (TableId table : config.selection().tables()) {
            try {
                TableDescription description = discovery.describe(db, table);
                Set<String> columns = description.columns().stream().map(JdbcColumn::name).collect(Collectors.toSet());
                checkColumns(table.qualifiedName(), columns, problems);
            } catch (TableNotFoundException | IllegalArgumentException e) {
                problems.add(new ConfigProblem(SelectionSettings.TABLES, e.getMessage()));
            }
        }
    }

    private void checkQuery(Connection db, List<ConfigProblem> problems) {
        String sql = config.selection().query().wrap(dialect, "1 = 0", null);
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            Set<String> columns = JdbcColumn.of(rows.getMetaData()).stream().map(JdbcColumn::name)
                    .collect(Collectors.toSet());
            checkColumns("the query", columns, problems);
        } catch (SQLException e) {
            problems.add(new ConfigProblem(SelectionSettings.QUERY, "The query fails: " + safe(String.valueOf(
                    e.getMessage()))));
        }
    }

    private void checkColumns(String source, Set<String> columns, List<ConfigProblem> problems) {
        for (String key : config.snapshot().keyColumns()) {
            if (!columns.contains(key)) {
                problems.add(new ConfigProblem(SnapshotSettings.KEY_COLUMNS, "Column '" + key + "' is not in "
                        + source + " (names are case-sensitive)"));
            }
        }
        if (config.mode() != ModeSettings.Mode.INCREMENTAL) {
            return;
        }
        IncrementalSettings incremental = config.incremental();
        checkColumn(IncrementalSettings.INCREMENTING_COLUMN, incremental.incrementingColumn(), source, columns,
                problems);
        checkColumn(IncrementalSettings.TIMESTAMP_COLUMN, incremental.timestampColumn(), source, columns, problems);
    }

    private static void checkColumn(String key, String column, String source, Set<String> columns,
            List<ConfigProblem> problems) {
        if (column != null && !columns.contains(column)) {
            problems.add(new ConfigProblem(key, "Column '" + column + "' is not in " + source
                    + " (names are case-sensitive)"));
        }
    }

    private String redactedUrl() {
        return JdbcUrls.redacted(config.connection().url());
    }

    private String safe(String message) {
        String password = config.connection().password();
        String result = password == null || password.isEmpty() ? message : message.replace(password, "********");
        return result.replace(config.connection().url(), redactedUrl());
    }
}

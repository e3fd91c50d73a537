package io.tributary.connect.jdbc.dialect;

/** Chooses the {@link Dialect} of a database from its JDBC URL. */
public final class Dialects {

    private Dialects() {
    }

    /** PostgreSQL for {@code jdbc:postgresql:}, SQLite for {@code jdbc:sqlite:}, else {@link AnsiDialect}. */
    public static Dialect forUrl(String url) {
        if (url == null || !url.startsWith("jdbc:")) {
            // Not echoed: a malformed URL may still hold credentials.
            throw new IllegalArgumentException("Not a JDBC URL (it must start with 'jdbc:')");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        return new AnsiDialect();
    }
}

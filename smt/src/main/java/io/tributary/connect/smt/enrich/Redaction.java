package io.tributary.connect.smt.enrich;

import java.sql.SQLException;

/**
 * Keeps credentials out of what Enrich says: a JDBC URL is shown without user info and parameters (either may
 * hold a password), and a driver's message is shown with the password and the full URL cut out — drivers
 * sometimes echo what they were given.
 */
final class Redaction {

    private static final String HIDDEN = "[hidden]";

    private final String url;
    private final String password;
    private final String shownUrl;

    Redaction(String url, String password) {
        this.url = url;
        this.password = password;
        this.shownUrl = urlWithoutCredentials(url);
    }

    /** The URL as logs and errors may show it. */
    String url() {
        return shownUrl;
    }

    /** {@code text} with the password and the raw URL replaced. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        if (url != null && !url.isEmpty() && !url.equals(shownUrl)) {
            scrubbed = scrubbed.replace(url, shownUrl);
        }
        if (password != null && !password.isEmpty()) {
            scrubbed = scrubbed.replace(password, HIDDEN);
        }
        return scrubbed;
    }

    /**
     * A copy of {@code e} and its causes with scrubbed messages and the same stack traces and SQL states, to
     * chain as a cause where the original might carry a secret into a log's stack trace.
     */
    SQLException scrub(SQLException e) {
        SQLException copy = new SQLException(e.getClass().getSimpleName() + ": " + scrub(e.getMessage()),
                e.getSQLState(), e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            RuntimeException scrubbedCause = new RuntimeException(
                    cause.getClass().getSimpleName() + ": " + scrub(cause.getMessage()));
            scrubbedCause.setStackTrace(cause.getStackTrace());
            copy.initCause(scrubbedCause);
        }
        return copy;
    }

    /** {@code jdbc:postgresql://u:p@host:5432/db?password=p} is shown as {@code jdbc:postgresql://host:5432/db}. */
    static String urlWithoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        String shown = url;
        int parameters = indexOfAny(shown, '?', ';');
        if (parameters >= 0) {
            shown = shown.substring(0, parameters);
        }
        int authority = shown.indexOf("//");
        if (authority >= 0) {
            int at = shown.indexOf('@', authority + 2);
            int slash = shown.indexOf('/', authority + 2);
            if (at >= 0 && (slash < 0 || at < slash)) {
                shown = shown.substring(0, authority + 2) + shown.substring(at + 1);
            }
        }
        return shown;
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}

package io.tributary.connect.smt.enrich;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of what Enrich says: a JDBC URL is shown without user info and parameters (either may
 * hold a password), and a driver's message is shown with the password and the full URL cut out — drivers
 * sometimes echo what they were given.
 */
final class Redaction {

    private static final String HIDDEN = "[hidden]";

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)password=([^&;]+)");

    private final String url;
    private final List<String> secrets = new ArrayList<>();
    private final String shownUrl;

    /** @param password the configured password; one given in the URL's parameters is hidden as well */
    Redaction(String url, String password) {
        this.url = url;
        this.shownUrl = urlWithoutCredentials(url);
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        if (url != null) {
            Matcher inUrl = URL_PASSWORD.matcher(url);
            while (inUrl.find()) {
                secrets.add(inUrl.group(1));
            }
        }
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
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, HIDDEN);
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
        if (e.getCause() != null && e.getCause() != e) {
            copy.initCause(scrubbedCopy(e.getCause(), 0));
        }
        return copy;
    }

    private Throwable scrubbedCopy(Throwable t, int depth) {
        RuntimeException copy = new RuntimeException(t.getClass().getSimpleName() + ": " + scrub(t.getMessage()));
        copy.setStackTrace(t.getStackTrace());
        if (t.getCause() != null && t.getCause() != t && depth < 8) {
            copy.initCause(scrubbedCopy(t.getCause(), depth + 1));
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

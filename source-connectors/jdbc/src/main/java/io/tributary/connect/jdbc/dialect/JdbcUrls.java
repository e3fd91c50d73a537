package io.tributary.connect.jdbc.dialect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JDBC URLs made safe to log. */
public final class JdbcUrls {

    /** A password given as a URL or connection parameter: {@code password=...} up to the next separator. */
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)(password|passwd|pwd)=[^&;\\s]*");

    private JdbcUrls() {
    }

    /**
     * The URL without user info and without parameters ({@code ?...} or {@code ;...}), any of which may hold
     * a password: {@code jdbc:postgresql://etl:pw@db:5432/shop?password=pw} becomes
     * {@code jdbc:postgresql://db:5432/shop}. When an {@code @} follows the parameters' start, a password may
     * itself contain {@code ?} or {@code ;}, so only the driver prefix is kept.
     */
    public static String redacted(String url) {
        if (url == null) {
            return null;
        }
        int parameters = indexOfAny(url, '?', ';');
        String head = parameters < 0 ? url : url.substring(0, parameters);
        if (url.indexOf('@', head.length()) >= 0) {
            return driverPrefix(url) + "<hidden>";
        }
        int authority = head.indexOf("//");
        int at = head.lastIndexOf('@');
        return authority >= 0 && at > authority ? head.substring(0, authority + 2) + head.substring(at + 1) : head;
    }

    /**
     * A driver's or database's message made safe to log: the configured password, the raw URL (which may hold
     * user info and parameters) and any {@code password=} parameter are replaced. Drivers quote the URL, e.g.
     * DriverManager's "No suitable driver found for jdbc:...?password=...".
     */
    public static String scrub(String message, String url, String password) {
        String safe = String.valueOf(message);
        if (password != null && !password.isEmpty()) {
            safe = safe.replace(password, "********");
        }
        if (url != null && !url.isEmpty()) {
            safe = safe.replace(url, redacted(url));
        }
        return PASSWORD_PARAMETER.matcher(safe).replaceAll(match -> Matcher.quoteReplacement(
                match.group(1) + "=********"));
    }

    /** {@code jdbc:postgresql:} of {@code jdbc:postgresql://...}. */
    private static String driverPrefix(String url) {
        int second = url.indexOf(':', "jdbc:".length());
        return url.startsWith("jdbc:") && second > 0 ? url.substring(0, second + 1) : "";
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}

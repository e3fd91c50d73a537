package io.tributary.connect.jdbc.dialect;

/**
 * Finds where the first SQL statement of a text ends: at the first {@code ;} that is not inside a string
 * literal ({@code '...'}, {@code E'...'}), a quoted identifier ({@code "..."}), a dollar-quoted string
 * ({@code $tag$...$tag$}) or a comment ({@code -- ...}, nesting {@code /* ... *}{@code /}).
 *
 * <p>This is not a guard against injection (the wrapped query is a parenthesised subquery, where a second
 * statement is a syntax error anyway); it exists to give a clear error instead of the database's.
 */
final class StatementScan {

    private final String text;
    private int firstSemicolon = -1;
    private boolean codeBefore;
    private boolean codeAfter;

    private StatementScan(String text) {
        this.text = text;
    }

    static StatementScan of(String text) {
        StatementScan scan = new StatementScan(text);
        scan.run();
        return scan;
    }

    /** Whether anything but blanks and comments precedes the first terminator. */
    boolean hasStatement() {
        return codeBefore;
    }

    /** Whether anything but blanks, comments and further {@code ;} follows the first terminator. */
    boolean hasMoreStatements() {
        return codeAfter;
    }

    String firstStatement() {
        return firstSemicolon < 0 ? text : text.substring(0, firstSemicolon);
    }

    private void run() {
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            char next = i + 1 < length ? text.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                i = endOfLine(i);
            } else if (c == '/' && next == '*') {
                i = endOfBlockComment(i);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ';') {
                if (firstSemicolon < 0) {
                    firstSemicolon = i;
                }
                i++;
            } else {
                sawCode();
                if (c == '\'') {
                    i = endOfQuoted(i, '\'', isEscapeStringPrefix(i));
                } else if (c == '"') {
                    i = endOfQuoted(i, '"', false);
                } else if (c == '$' && !isIdentifierPart(i - 1)) {
                    i = endOfDollarQuoted(i);
                } else {
                    i++;
                }
            }
        }
    }

    private void sawCode() {
        if (firstSemicolon < 0) {
            codeBefore = true;
        } else {
            codeAfter = true;
        }
    }

    private int endOfLine(int start) {
        int end = text.indexOf('\n', start);
        return end < 0 ? text.length() : end + 1;
    }

    /** PostgreSQL nests block comments; SQLite does not, but then a nested opener is just comment text. */
    private int endOfBlockComment(int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    /** A quoted run ends at a lone closing quote; a doubled quote is part of it, as is {@code \'} in E''. */
    private int endOfQuoted(int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    /** {@code $$...$$} or {@code $tag$...$tag$}; a {@code $} that opens no tag ({@code $1}) is plain code. */
    private int endOfDollarQuoted(int start) {
        int i = start + 1;
        while (i < text.length() && isTagChar(text.charAt(i), i == start + 1)) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '$') {
            return start + 1;
        }
        String tag = text.substring(start, i + 1);
        int close = text.indexOf(tag, i + 1);
        return close < 0 ? text.length() : close + tag.length();
    }

    private static boolean isTagChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || (!first && Character.isDigit(c));
    }

    private boolean isEscapeStringPrefix(int quote) {
        return quote > 0 && (text.charAt(quote - 1) == 'E' || text.charAt(quote - 1) == 'e')
                && !isIdentifierPart(quote - 2);
    }

    private boolean isIdentifierPart(int index) {
        if (index < 0) {
            return false;
        }
        char c = text.charAt(index);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}

package io.tributary.connect.iceberg.table;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a LIST config value into terms at the commas that are not inside brackets.
 *
 * <p>Kafka's {@code ConfigDef} splits a LIST value at every comma, so {@code "bucket(16, id), day(ts)"}
 * reaches us as {@code ["bucket(16", "id)", "day(ts)"]}. Re-joining and splitting only at top-level commas
 * gives back the terms the user wrote, whether the value came as one string or as a list.
 */
final class TermList {

    private TermList() {
    }

    /**
     * @param raw a LIST config value; null, empty or a single blank string means no terms
     * @return the stripped terms, in order
     * @throws IllegalArgumentException if a term is empty (a stray comma)
     */
    static List<String> split(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        String joined = String.join(", ", raw);
        if (joined.isBlank()) {
            return List.of();
        }
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(term(joined.substring(start, i)));
                start = i + 1;
            }
        }
        terms.add(term(joined.substring(start)));
        return List.copyOf(terms);
    }

    private static String term(String text) {
        String term = text.strip();
        if (term.isEmpty()) {
            throw new IllegalArgumentException("empty term (a stray comma?)");
        }
        return term;
    }
}

package io.tributary.connect.smt.enrich;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A column of the dimension table to fetch and the record field it becomes: {@code country}, or renamed,
 * {@code country:user_country}.
 */
public record LookupColumn(String column, String field) {

    public static LookupColumn parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        int colon = text.lastIndexOf(':');
        String column = colon < 0 ? text : text.substring(0, colon).trim();
        String field = colon < 0 ? text : text.substring(colon + 1).trim();
        if (column.isEmpty() || field.isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "' is not 'column' or 'column:field'");
        }
        return new LookupColumn(column, field);
    }

    /** Parses each spec; two columns adding the same field are an error. */
    public static List<LookupColumn> parseAll(List<String> specs) {
        List<LookupColumn> columns = specs.stream().map(LookupColumn::parse).toList();
        Set<String> fields = new TreeSet<>();
        Set<String> duplicates = columns.stream().map(LookupColumn::field).filter(f -> !fields.add(f))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException("fields added twice: " + duplicates);
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("name at least one column");
        }
        return columns;
    }
}

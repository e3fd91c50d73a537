package io.tributary.connect.iceberg.table;

import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Runs a term parser at config-validation time, so that a syntax error shows up in Connect's
 * {@code validate()} response under its key instead of as a failing task later. Its {@code toString()} is the
 * accepted syntax, which {@code ConfigDef.toHtml()} prints as the key's valid values.
 */
final class ListSyntaxValidator implements ConfigDef.Validator {

    private final Consumer<List<String>> parser;
    private final String syntax;

    ListSyntaxValidator(Consumer<List<String>> parser, String syntax) {
        this.parser = parser;
        this.syntax = syntax;
    }

    @Override
    public void ensureValid(String name, Object value) {
        try {
            parser.accept(asList(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    /** A LIST key's value arrives parsed; a STRING key's arrives whole and is split like a LIST. */
    private static List<String> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        List<?> values = value instanceof List<?> list ? list : List.of(value);
        return values.stream().map(String::valueOf).toList();
    }

    @Override
    public String toString() {
        return syntax;
    }
}

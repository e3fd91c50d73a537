package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;

/**
 * The first way an event does not fit, on its way up from the value that failed to the event.
 *
 * <p>Thrown only for invalid events, so the valid path builds no field paths at all: each enclosing record, array
 * or map adds its own step while the exception passes through it, and the path is rendered once, at the top.
 * Without a stack trace, like {@link InvalidEventException}, because a bad client can send many.
 */
final class Mismatch extends Exception {

    /** The step of a map value; the key is left out because keys may be personal data. */
    private static final Object MAP_VALUE = new Object();

    private final String before;
    private final String after;
    /** Innermost first, as the steps are added. */
    private final List<Object> steps = new ArrayList<>(4);

    private Mismatch(String before, String after) {
        super(null, null, false, false);
        this.before = before;
        this.after = after;
    }

    /** "field 'a.b': {@code problem}"; the problem says what was expected, never what was sent. */
    static Mismatch of(String problem) {
        return new Mismatch("field '", "': " + problem);
    }

    static Mismatch expected(String what, JsonToken got) {
        return of("expected " + what + ", got " + JsonTokens.describe(got));
    }

    static Mismatch mustNotBeNull() {
        return new Mismatch("field '", "' must not be null");
    }

    static Mismatch missing(String field) {
        return new Mismatch("missing required field '", "'").in(field);
    }

    static Mismatch unknown(String field) {
        return new Mismatch("unknown field '", "'").in(field);
    }

    /** Adds the step of a record field (or a key of a schemaless object). */
    Mismatch in(String field) {
        steps.add(field);
        return this;
    }

    /** Adds the step of an array element. */
    Mismatch at(int index) {
        steps.add(index);
        return this;
    }

    /** Adds the step of a map value. */
    Mismatch inMapValue() {
        steps.add(MAP_VALUE);
        return this;
    }

    /** The message for {@link InvalidEventException}, with the dotted path: {@code items[3].sku}, {@code attrs{}}. */
    String reason() {
        StringBuilder text = new StringBuilder(before);
        int start = text.length();
        for (int i = steps.size() - 1; i >= 0; i--) {
            Object step = steps.get(i);
            if (step instanceof Integer index) {
                text.append('[').append(index.intValue()).append(']');
            } else if (step == MAP_VALUE) {
                text.append("{}");
            } else {
                if (text.length() > start) {
                    text.append('.');
                }
                text.append((String) step);
            }
        }
        return text.append(after).toString();
    }
}

package io.tributary.connect.jdbc.offsets;

/**
 * One primary-key column of the last row a snapshot sent, by which an interrupted snapshot resumes.
 *
 * @param value a whole number ({@code Long}) for integer columns, else text in the form the dialect binds back
 *              to the column's type (decimal, UUID, date and time values included)
 */
public record KeyValue(String column, Object value) {

    public KeyValue {
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException("a key value needs its column");
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            value = ((Number) value).longValue();
        } else if (!(value instanceof Long) && !(value instanceof String)) {
            throw new IllegalArgumentException("the value of key column " + column
                    + " must be a whole number or text, not " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }
}

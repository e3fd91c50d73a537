package io.tributary.connect.smt.mask;

import io.tributary.connect.smt.CanonicalText;
import org.apache.kafka.connect.data.Schema;

/**
 * Partial mask: every character but the last {@code keep} replaced by a mask character, so a card number
 * {@code 4111111111111234} becomes {@code ************1234}. Counts Unicode code points, so a character outside
 * the Basic Multilingual Plane is masked as one character, never split. Non-string scalars are masked in their
 * {@link CanonicalText} and become strings. A value no longer than {@code keep} is kept whole.
 */
final class KeepLastMask implements MaskRule {

    private final int keep;
    private final int maskChar;

    KeepLastMask(int keep, int maskChar) {
        this.keep = keep;
        this.maskChar = maskChar;
    }

    @Override
    public Schema maskedSchema(Schema schema) {
        if (schema.type() == Schema.Type.STRING) {
            return schema;
        }
        if (!MaskRule.hasTextForm(schema)) {
            throw new IllegalArgumentException("keep-last masks scalar fields, not a " + schema.type());
        }
        return schema.isOptional() ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA;
    }

    @Override
    public Object mask(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        if (!CanonicalText.isScalar(value)) {
            throw new IllegalArgumentException("keep-last masks scalar values, not a "
                    + value.getClass().getSimpleName());
        }
        String text = CanonicalText.of(value);
        int length = text.codePointCount(0, text.length());
        if (length <= keep) {
            return text;
        }
        int keptFrom = text.offsetByCodePoints(0, length - keep);
        StringBuilder masked = new StringBuilder(text.length());
        for (int i = 0; i < length - keep; i++) {
            masked.appendCodePoint(maskChar);
        }
        return masked.append(text, keptFrom, text.length()).toString();
    }
}

package io.tributary.connect.events.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * Readers of Avro's primitive types, enums and fixed. Each accepts only the JSON token type of its kind (no
 * numbers in strings, no strings for numbers), because a sender that mixes them is better told at once than
 * coerced into values that differ by sender.
 */
final class ScalarReaders {

    private ScalarReaders() {
    }

    static ValueReader bool(Schema schema) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws Mismatch {
                if (token == JsonToken.VALUE_TRUE) {
                    return Boolean.TRUE;
                }
                if (token == JsonToken.VALUE_FALSE) {
                    return Boolean.FALSE;
                }
                throw Mismatch.expected("a boolean", token);
            }
        };
    }

    static ValueReader int32(Schema schema) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                requireInteger(token);
                if (parser.getNumberType() != JsonParser.NumberType.INT) {
                    throw Mismatch.of("integer out of the 32-bit range");
                }
                return parser.getIntValue();
            }
        };
    }

    static ValueReader int64(Schema schema) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                return longValue(parser, token);
            }
        };
    }

    static ValueReader float32(Schema schema) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                requireNumber(token);
                // Parsed to float from the text, not through double, so it is rounded once.
                float value = parser.getFloatValue();
                if (!Float.isFinite(value)) {
                    throw Mismatch.of("number out of the 32-bit floating-point range");
                }
                return value;
            }
        };
    }

    static ValueReader float64(Schema schema) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                requireNumber(token);
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    throw Mismatch.of("number out of the 64-bit floating-point range");
                }
                return value;
            }
        };
    }

    static ValueReader string(Schema schema) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                if (token != JsonToken.VALUE_STRING) {
                    throw Mismatch.expected("a string", token);
                }
                return parser.getText();
            }
        };
    }

    /** Enum symbols are read as the symbol's own string, so equal values share one instance. */
    static ValueReader enumeration(Schema schema, List<String> symbols) {
        Map<String, String> known = new HashMap<>();
        symbols.forEach(symbol -> known.put(symbol, symbol));
        String expected = "one of the symbols " + symbols;
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                if (token != JsonToken.VALUE_STRING) {
                    throw Mismatch.expected("a string, " + expected, token);
                }
                String symbol = known.get(parser.getText());
                if (symbol == null) {
                    throw Mismatch.of("expected " + expected);
                }
                return symbol;
            }
        };
    }

    /** A UUID in its canonical 8-4-4-4-12 hex form, kept as sent. */
    static ValueReader uuid(Schema schema) {
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                if (token != JsonToken.VALUE_STRING) {
                    throw Mismatch.expected("a UUID string", token);
                }
                String text = parser.getText();
                if (!isUuid(text)) {
                    throw Mismatch.of("expected a UUID string (8-4-4-4-12 hex digits)");
                }
                return text;
            }
        };
    }

    /**
     * Bytes as base64 text (RFC 4648, the standard alphabet; padding optional), JSON having no binary type.
     *
     * @param size the exact number of bytes of an Avro fixed, or -1 for any
     */
    static ValueReader bytes(Schema schema, int size) {
        String expected = size < 0 ? "a base64 string" : "a base64 string of " + size + " bytes";
        return new ValueReader(schema) {
            @Override
            Object readPresent(JsonParser parser, JsonToken token) throws IOException, Mismatch {
                if (token != JsonToken.VALUE_STRING) {
                    throw Mismatch.expected(expected, token);
                }
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(parser.getText());
                } catch (IllegalArgumentException e) {
                    throw Mismatch.of("expected " + expected + ", got a string that is not base64");
                }
                if (size >= 0 && bytes.length != size) {
                    throw Mismatch.of("expected " + expected + ", got another number of bytes");
                }
                return bytes;
            }
        };
    }

    /** A 64-bit integer; shared with the time readers that take epoch numbers. */
    static long longValue(JsonParser parser, JsonToken token) throws IOException, Mismatch {
        requireInteger(token);
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw Mismatch.of("integer out of the 64-bit range");
        }
        return parser.getLongValue();
    }

    static void requireInteger(JsonToken token) throws Mismatch {
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            throw Mismatch.of("expected an integer, got a number with a fraction or an exponent");
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw Mismatch.expected("an integer", token);
        }
    }

    private static void requireNumber(JsonToken token) throws Mismatch {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw Mismatch.expected("a number", token);
        }
    }

    static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : isHexDigit(c);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** ASCII only: {@link Character#digit} would also take the digits of other scripts. */
    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}

package io.tributary.connect.events.schema;

import static io.tributary.connect.events.schema.Events.field;
import static io.tributary.connect.events.schema.Events.reasonFor;
import static io.tributary.connect.events.schema.Events.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

class AvroPrimitiveTypesTest {

    @Test
    void boolean_() {
        AvroEventReader reader = field("\"boolean\"");
        assertThat(reader.schema().field("f").schema()).isEqualTo(Schema.BOOLEAN_SCHEMA);
        assertThat(valueOf(reader, "true")).isEqualTo(true);
        assertThat(valueOf(reader, "false")).isEqualTo(false);
        assertThat(reasonFor(reader, "\"true\"")).isEqualTo("field 'f': expected a boolean, got a string");
        assertThat(reasonFor(reader, "1")).isEqualTo("field 'f': expected a boolean, got a number");
    }

    @Test
    void int_() {
        AvroEventReader reader = field("\"int\"");
        assertThat(reader.schema().field("f").schema()).isEqualTo(Schema.INT32_SCHEMA);
        assertThat(valueOf(reader, "2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(valueOf(reader, "-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(reasonFor(reader, "2147483648")).isEqualTo("field 'f': integer out of the 32-bit range");
        assertThat(reasonFor(reader, "99999999999999999999")).isEqualTo("field 'f': integer out of the 32-bit range");
        assertThat(reasonFor(reader, "1.0"))
                .isEqualTo("field 'f': expected an integer, got a number with a fraction or an exponent");
        assertThat(reasonFor(reader, "\"12\"")).isEqualTo("field 'f': expected an integer, got a string");
    }

    @Test
    void long_() {
        AvroEventReader reader = field("\"long\"");
        assertThat(reader.schema().field("f").schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(valueOf(reader, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(valueOf(reader, "5")).isEqualTo(5L);
        assertThat(reasonFor(reader, "9223372036854775808")).isEqualTo("field 'f': integer out of the 64-bit range");
        assertThat(reasonFor(reader, "1e3"))
                .isEqualTo("field 'f': expected an integer, got a number with a fraction or an exponent");
        assertThat(reasonFor(reader, "[5]")).isEqualTo("field 'f': expected an integer, got an array");
    }

    @Test
    void float_() {
        AvroEventReader reader = field("\"float\"");
        assertThat(reader.schema().field("f").schema()).isEqualTo(Schema.FLOAT32_SCHEMA);
        assertThat(valueOf(reader, "1.5")).isEqualTo(1.5f);
        assertThat(valueOf(reader, "3")).isEqualTo(3.0f);
        assertThat(valueOf(reader, "0.1")).isEqualTo(0.1f);
        assertThat(reasonFor(reader, "1e39")).isEqualTo("field 'f': number out of the 32-bit floating-point range");
        assertThat(reasonFor(reader, "\"1.5\"")).isEqualTo("field 'f': expected a number, got a string");
    }

    @Test
    void double_() {
        AvroEventReader reader = field("\"double\"");
        assertThat(reader.schema().field("f").schema()).isEqualTo(Schema.FLOAT64_SCHEMA);
        assertThat(valueOf(reader, "0.30000000000000004")).isEqualTo(0.30000000000000004d);
        assertThat(valueOf(reader, "-12")).isEqualTo(-12.0d);
        assertThat(valueOf(reader, "99999999999999999999")).isEqualTo(1e20d);
        assertThat(reasonFor(reader, "1e309")).isEqualTo("field 'f': number out of the 64-bit floating-point range");
        assertThat(reasonFor(reader, "true")).isEqualTo("field 'f': expected a number, got a boolean");
    }

    @Test
    void string() {
        AvroEventReader reader = field("\"string\"");
        assertThat(reader.schema().field("f").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(valueOf(reader, "\"caf\\u00e9\"")).isEqualTo("café");
        assertThat(valueOf(reader, "\"\"")).isEqualTo("");
        assertThat(reasonFor(reader, "12345")).isEqualTo("field 'f': expected a string, got a number")
                .doesNotContain("123");
        assertThat(reasonFor(reader, "{\"secret\": 1}")).isEqualTo("field 'f': expected a string, got an object");
    }

    @Test
    void bytesAreBase64() {
        AvroEventReader reader = field("\"bytes\"");
        assertThat(reader.schema().field("f").schema()).isEqualTo(Schema.BYTES_SCHEMA);
        byte[] bytes = {0, 1, (byte) 0xfe, (byte) 0xff, 42};
        String base64 = Base64.getEncoder().encodeToString(bytes);
        assertThat(valueOf(reader, "\"" + base64 + "\"")).isEqualTo(bytes);
        assertThat(valueOf(reader, "\"" + base64.replace("=", "") + "\"")).as("unpadded").isEqualTo(bytes);
        assertThat(valueOf(reader, "\"\"")).isEqualTo(new byte[0]);
        assertThat(reasonFor(reader, "\"not base64!\""))
                .isEqualTo("field 'f': expected a base64 string, got a string that is not base64");
        assertThat(reasonFor(reader, "[1, 2]")).isEqualTo("field 'f': expected a base64 string, got an array");
    }

    @Test
    void fixedIsBase64OfExactlyItsSize() {
        AvroEventReader reader = field("{\"type\": \"fixed\", \"name\": \"Hash\", \"size\": 4}");
        assertThat(reader.schema().field("f").schema().type()).isEqualTo(Schema.Type.BYTES);
        assertThat(valueOf(reader, "\"AQIDBA==\"")).isEqualTo(new byte[] {1, 2, 3, 4});
        assertThat(reasonFor(reader, "\"AQID\""))
                .isEqualTo("field 'f': expected a base64 string of 4 bytes, got another number of bytes");
        assertThat(reasonFor(reader, "\"AQIDBAU=\""))
                .isEqualTo("field 'f': expected a base64 string of 4 bytes, got another number of bytes");
        assertThat(reasonFor(reader, "4")).isEqualTo("field 'f': expected a base64 string of 4 bytes, got a number");
    }

    @Test
    void enumIsOneOfItsSymbolsAsAString() {
        AvroEventReader reader = field(
                "{\"type\": \"enum\", \"name\": \"DeviceType\", \"doc\": \"Kinds.\", "
                + "\"symbols\": [\"desktop\", \"mobile\"]}");
        Schema schema = reader.schema().field("f").schema();
        assertThat(schema.type()).isEqualTo(Schema.Type.STRING);
        assertThat(schema.name()).isNull();
        assertThat(schema.doc()).isEqualTo("Kinds.");
        assertThat(valueOf(reader, "\"mobile\"")).isEqualTo("mobile");
        assertThat(reasonFor(reader, "\"Mobile\""))
                .isEqualTo("field 'f': expected one of the symbols [desktop, mobile]")
                .doesNotContain("Mobile");
        assertThat(reasonFor(reader, "1"))
                .isEqualTo("field 'f': expected a string, one of the symbols [desktop, mobile], got a number");
    }

    @Test
    void uuidIsValidatedTextKeptAsSent() {
        AvroEventReader reader = field("{\"type\": \"string\", \"logicalType\": \"uuid\"}");
        assertThat(reader.schema().field("f").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(valueOf(reader, "\"0192F2C4-7A1B-7C3D-8E4F-A0B1C2D3E4F5\""))
                .isEqualTo("0192F2C4-7A1B-7C3D-8E4F-A0B1C2D3E4F5");
        assertThat(valueOf(reader, "\"00000000-0000-0000-0000-000000000000\""))
                .isEqualTo("00000000-0000-0000-0000-000000000000");
        String expected = "field 'f': expected a UUID string (8-4-4-4-12 hex digits)";
        assertThat(reasonFor(reader, "\"1-1-1-1-1\"")).isEqualTo(expected);
        assertThat(reasonFor(reader, "\"0192f2c4-7a1b-7c3d-8e4f-a0b1c2d3e4fg\"")).isEqualTo(expected);
        assertThat(reasonFor(reader, "\"0192f2c4x7a1b-7c3d-8e4f-a0b1c2d3e4f5\"")).isEqualTo(expected);
        assertThat(reasonFor(reader, "\"\u0660192f2c4-7a1b-7c3d-8e4f-a0b1c2d3e4f\"")).as("not ASCII")
                .isEqualTo(expected);
        assertThat(reasonFor(reader, "42")).isEqualTo("field 'f': expected a UUID string, got a number");
    }

    @Test
    void nullIsRefusedForARequiredFieldOfAnyType() {
        for (String type : new String[] {"\"boolean\"", "\"int\"", "\"long\"", "\"float\"", "\"double\"", "\"string\"",
            "\"bytes\"", "{\"type\": \"array\", \"items\": \"int\"}", "{\"type\": \"map\", \"values\": \"int\"}",
            "{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}",
            "{\"type\": \"record\", \"name\": \"R\", \"fields\": []}"}) {
            assertThat(reasonFor(field(type), "null")).as(type).isEqualTo("field 'f' must not be null");
        }
    }

    @Test
    void nullIsNullForAnOptionalFieldEitherWayRound() {
        AvroEventReader nullFirst = field("[\"null\", \"long\"]");
        AvroEventReader nullLast = field("[\"long\", \"null\"]");
        for (AvroEventReader reader : new AvroEventReader[] {nullFirst, nullLast}) {
            assertThat(reader.schema().field("f").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
            assertThat(valueOf(reader, "null")).isNull();
            assertThat(valueOf(reader, "7")).isEqualTo(7L);
            assertThat(reasonFor(reader, "\"7\"")).isEqualTo("field 'f': expected an integer, got a string");
        }
    }
}

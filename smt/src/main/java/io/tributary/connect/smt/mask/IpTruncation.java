package io.tributary.connect.smt.mask;

import org.apache.kafka.connect.data.Schema;

/**
 * Truncates an IP address text to its network prefix: IPv4 to a /24 and IPv6 to a /48 by default, the
 * granularity most privacy guidance accepts as no longer identifying a household. The result is written in
 * canonical form (dotted quad; RFC 5952 compressed IPv6), so equal networks give equal text whatever the input
 * spelling. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.7}) is truncated and written as IPv4.
 * Text that is not an address either fails or is kept as it is, by configuration.
 */
final class IpTruncation implements MaskRule {

    private final int ipv4Prefix;
    private final int ipv6Prefix;
    private final boolean keepInvalid;

    IpTruncation(int ipv4Prefix, int ipv6Prefix, boolean keepInvalid) {
        this.ipv4Prefix = ipv4Prefix;
        this.ipv6Prefix = ipv6Prefix;
        this.keepInvalid = keepInvalid;
    }

    @Override
    public Schema maskedSchema(Schema schema) {
        if (schema.type() != Schema.Type.STRING) {
            throw new IllegalArgumentException("ip-truncate masks STRING fields, not a " + schema.type());
        }
        return schema;
    }

    @Override
    public Object mask(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("ip-truncate masks text, not a " + value.getClass().getSimpleName());
        }
        byte[] address = IpAddressText.parse(text.trim());
        if (address == null) {
            if (keepInvalid) {
                return text;
            }
            // The text is not an address, but it may still be personal data: do not repeat it.
            throw new IllegalArgumentException("ip-truncate: the value is not an IPv4 or IPv6 address");
        }
        zeroAfter(address, address.length == 4 ? ipv4Prefix : ipv6Prefix);
        return IpAddressText.format(address);
    }

    private static void zeroAfter(byte[] address, int prefixBits) {
        for (int i = 0; i < address.length; i++) {
            int bitsKept = Math.max(0, Math.min(8, prefixBits - 8 * i));
            address[i] &= (byte) (0xff00 >>> bitsKept);
        }
    }
}

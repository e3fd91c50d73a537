package io.tributary.connect.smt.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class StableKeyHashTest {

    private static final Schema ID_KEY = SchemaBuilder.struct().name("orders.Key")
            .field("id", Schema.INT64_SCHEMA).build();
    private static final Schema REGION_ID_KEY = SchemaBuilder.struct().name("stock.Key")
            .field("region", Schema.STRING_SCHEMA).field("id", Schema.INT32_SCHEMA).build();

    /** The published reference values of MurmurHash3_x86_32 with seed 0. */
    @Test
    void murmur3MatchesTheReferenceVectors() {
        assertThat(StableKeyHash.murmur3(new byte[0])).isEqualTo(0);
        assertThat(StableKeyHash.murmur3(ascii("hello"))).isEqualTo(0x248bfa47);
        assertThat(StableKeyHash.murmur3(ascii("The quick brown fox jumps over the lazy dog")))
                .isEqualTo(0x2e4ff723);
        assertThat(StableKeyHash.murmur3(ascii("a"))).isEqualTo(0x3c2569b2);
        assertThat(StableKeyHash.murmur3(ascii("ab"))).isEqualTo(0x9bbfd75f);
        assertThat(StableKeyHash.murmur3(ascii("abc"))).isEqualTo(0xb3dd93fa);
    }

    /**
     * Regression pin: these partitions were computed once. If this test fails, the hash changed and every
     * deployed snapshot topic would see its keys move partition: change the hash only with a new contract version.
     */
    @Test
    void partitionsArePinned() {
        assertThat(StableKeyHash.of(idKey(42))).isEqualTo(PIN_ID_42);
        assertThat(StableKeyHash.of(regionIdKey("EU", 7))).isEqualTo(PIN_EU_7);
        assertThat(StableKeyHash.of("ORD-0001")).isEqualTo(PIN_ORD_0001);
        assertThat(StableKeyHash.of(null)).isEqualTo(PIN_NULL);

        assertThat(StableKeyHash.partition(idKey(42), 12)).isEqualTo(PIN_ID_42_OF_12);
        assertThat(StableKeyHash.partition(regionIdKey("EU", 7), 12)).isEqualTo(PIN_EU_7_OF_12);
        assertThat(StableKeyHash.partition("ORD-0001", 12)).isEqualTo(PIN_ORD_0001_OF_12);
    }

    @Test
    void wholeNumbersHashByValueWhateverTheirJavaType() {
        int expected = StableKeyHash.of(5L);

        assertThat(List.of((byte) 5, (short) 5, 5, BigInteger.valueOf(5), new BigDecimal("5"), new BigDecimal("5.000"),
                new BigDecimal("0.5E1"))).allSatisfy(value -> assertThat(StableKeyHash.of(value)).isEqualTo(expected));
    }

    @Test
    void decimalsHashByValueWhateverTheirScale() {
        assertThat(StableKeyHash.of(new BigDecimal("1.50"))).isEqualTo(StableKeyHash.of(new BigDecimal("1.5")));
        assertThat(StableKeyHash.of(new BigDecimal("1.5"))).isNotEqualTo(StableKeyHash.of(new BigDecimal("15")));
        BigInteger huge = BigInteger.TEN.pow(30);
        assertThat(StableKeyHash.of(huge)).isEqualTo(StableKeyHash.of(new BigDecimal(huge).setScale(2)));
    }

    @Test
    void aStructHashesByItsValuesNotItsNamesOrObjectIdentity() {
        Schema renamed = SchemaBuilder.struct().name("other.Key").field("order_id", Schema.INT32_SCHEMA).build();

        assertThat(StableKeyHash.of(idKey(42))).isEqualTo(StableKeyHash.of(idKey(42)))
                .isEqualTo(StableKeyHash.of(new Struct(renamed).put("order_id", 42)));
        assertThat(StableKeyHash.of(regionIdKey("EU", 7))).isNotEqualTo(StableKeyHash.of(regionIdKey("EU", 8)));
    }

    @Test
    void bytesHashByContentWhateverTheirContainer() {
        byte[] bytes = {1, 2, 3};
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 3}, 1, 3);

        assertThat(StableKeyHash.of(buffer)).isEqualTo(StableKeyHash.of(bytes)).isEqualTo(StableKeyHash.of(bytes.clone()));
        assertThat(buffer.position()).as("the buffer is not consumed").isEqualTo(1);
    }

    @Test
    void mapsHashTheSameWhateverTheirIterationOrder() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("b", 2);
        one.put("a", 1);
        Map<String, Object> other = new HashMap<>(Map.of("a", 1L, "b", 2L));

        assertThat(StableKeyHash.of(one)).isEqualTo(StableKeyHash.of(other));
    }

    @Test
    void distinctShapesDoNotCollide() {
        assertThat(StableKeyHash.of(List.of("ab", "c"))).isNotEqualTo(StableKeyHash.of(List.of("a", "bc")));
        assertThat(StableKeyHash.of("5")).isNotEqualTo(StableKeyHash.of(5));
        assertThat(StableKeyHash.of(0.0)).isEqualTo(StableKeyHash.of(-0.0));
        assertThat(StableKeyHash.of(new Date(1000))).isEqualTo(StableKeyHash.of(new Date(1000)));
    }

    @Test
    void tenThousandKeysSpreadEvenly() {
        int partitions = 8;
        int[] sequential = new int[partitions];
        int[] text = new int[partitions];
        for (int i = 0; i < 10_000; i++) {
            sequential[SnapshotBoundary.partitionFor(idKey(i), partitions)]++;
            text[SnapshotBoundary.partitionFor(UUID.nameUUIDFromBytes(ascii("k" + i)).toString(), partitions)]++;
        }
        // 1,250 expected per partition; the standard deviation is about 33, so +-150 is over 4 sigma.
        assertThat(Arrays.stream(sequential).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(1_100, 1_400));
        assertThat(Arrays.stream(text).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(1_100, 1_400));
    }

    @Test
    void aValueThatIsNoConnectValueIsRejected() {
        assertThatThrownBy(() -> StableKeyHash.of(new Object())).isInstanceOf(DataException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> StableKeyHash.partition(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Struct idKey(long id) {
        return new Struct(ID_KEY).put("id", id);
    }

    private static Struct regionIdKey(String region, int id) {
        return new Struct(REGION_ID_KEY).put("region", region).put("id", id);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static final int PIN_ID_42 = 0xd1833c99;
    private static final int PIN_EU_7 = 0xccc01bbc;
    private static final int PIN_ORD_0001 = 0x56e3e2e8;
    private static final int PIN_NULL = 0x514e28b7;
    private static final int PIN_ID_42_OF_12 = 5;
    private static final int PIN_EU_7_OF_12 = 0;
    private static final int PIN_ORD_0001_OF_12 = 0;
}

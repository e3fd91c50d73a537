package io.tributary.connect.iceberg.convert;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaEvolutionTest {

    private static final Types.StructType ADDRESS = Types.StructType.of(optional(20, "street", Types.StringType.get()));

    /** The table every plan is compared against; the incoming schemas below give it different ids on purpose. */
    private static final Schema TABLE = new Schema(
            required(1, "id", Types.IntegerType.get()),
            optional(2, "score", Types.FloatType.get()),
            required(3, "name", Types.StringType.get()),
            optional(4, "amount", Types.DecimalType.of(10, 2)),
            optional(5, "user", Types.StructType.of(
                    required(6, "login", Types.StringType.get()),
                    optional(7, "address", ADDRESS))),
            optional(8, "items", Types.ListType.ofRequired(9, Types.StructType.of(
                    required(10, "sku", Types.StringType.get())))),
            optional(11, "attrs", Types.MapType.ofOptional(12, 13, Types.StringType.get(),
                    Types.StructType.of(optional(14, "size", Types.IntegerType.get())))),
            optional(15, "labels", Types.MapType.ofOptional(16, 17, Types.StringType.get(), Types.StringType.get())),
            optional(18, "counts", Types.ListType.ofRequired(19, Types.IntegerType.get())));

    @Test
    void theSameSchemaWithOtherIdsNeedsNoChange() {
        SchemaEvolution.Plan plan = SchemaEvolution.plan(TABLE, renumbered(TABLE));

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.isCompatible()).isTrue();
        assertThat(plan).hasToString("no change");
    }

    @Test
    void fieldsTheRecordLacksNeedNoChange() {
        Schema incoming = new Schema(required(100, "id", Types.IntegerType.get()));

        assertThat(SchemaEvolution.plan(TABLE, incoming).isEmpty()).isTrue();
    }

    @Test
    void addsTopLevelColumns() {
        Schema incoming = new Schema(required(100, "email", Types.StringType.get(), "where to write"));

        SchemaEvolution.Plan plan = SchemaEvolution.plan(TABLE, incoming);

        assertThat(plan.additions()).containsExactly(
                new SchemaEvolution.AddColumn(null, "email", Types.StringType.get(), "where to write"));
        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan.isCompatible()).isTrue();
    }

    @Test
    void addsColumnsToNestedStructsInsideStructsListsAndMaps() {
        Schema incoming = new Schema(
                optional(100, "user", Types.StructType.of(
                        optional(101, "address", Types.StructType.of(optional(102, "zip", Types.StringType.get()))))),
                optional(103, "items", Types.ListType.ofOptional(104, Types.StructType.of(
                        optional(105, "qty", Types.IntegerType.get())))),
                optional(106, "attrs", Types.MapType.ofOptional(107, 108, Types.StringType.get(),
                        Types.StructType.of(optional(109, "color", Types.StringType.get())))));

        SchemaEvolution.Plan plan = SchemaEvolution.plan(TABLE, incoming);

        assertThat(plan.additions()).extracting(SchemaEvolution.AddColumn::parent, SchemaEvolution.AddColumn::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("user.address", "zip"),
                        org.assertj.core.groups.Tuple.tuple("items.element", "qty"),
                        org.assertj.core.groups.Tuple.tuple("attrs.value", "color"));
        assertThat(plan.madeOptional()).containsExactly("items.element");
    }

    @Test
    void widensIntToLongFloatToDoubleAndDecimalPrecision() {
        Schema incoming = new Schema(
                required(100, "id", Types.LongType.get()),
                optional(101, "score", Types.DoubleType.get()),
                optional(102, "amount", Types.DecimalType.of(12, 2)),
                optional(103, "counts", Types.ListType.ofRequired(104, Types.LongType.get())));

        SchemaEvolution.Plan plan = SchemaEvolution.plan(TABLE, incoming);

        assertThat(plan.widenings()).containsExactly(
                new SchemaEvolution.Widening("id", Types.IntegerType.get(), Types.LongType.get()),
                new SchemaEvolution.Widening("score", Types.FloatType.get(), Types.DoubleType.get()),
                new SchemaEvolution.Widening("amount", Types.DecimalType.of(10, 2), Types.DecimalType.of(12, 2)),
                new SchemaEvolution.Widening("counts.element", Types.IntegerType.get(), Types.LongType.get()));
        assertThat(plan.isCompatible()).isTrue();
        assertThat(plan.toString()).contains("widen id int to long", "widen score float to double");
    }

    @Test
    void narrowerIncomingTypesNeedNoChange() {
        Schema table = new Schema(
                optional(1, "count", Types.LongType.get()),
                optional(2, "ratio", Types.DoubleType.get()),
                optional(3, "whole", Types.DoubleType.get()),
                optional(4, "amount", Types.DecimalType.of(12, 4)),
                optional(5, "at", Types.TimestampType.withoutZone()));
        Schema incoming = new Schema(
                optional(10, "count", Types.IntegerType.get()),
                optional(11, "ratio", Types.FloatType.get()),
                optional(12, "whole", Types.LongType.get()),
                optional(13, "amount", Types.DecimalType.of(10, 2)),
                optional(14, "at", Types.TimestampType.withZone()));

        assertThat(SchemaEvolution.plan(table, incoming).isEmpty()).isTrue();
    }

    @Test
    void relaxesRequiredColumnsWhenTheRecordMayLackThem() {
        Schema incoming = new Schema(
                optional(100, "name", Types.StringType.get()),
                optional(101, "user", Types.StructType.of(optional(102, "login", Types.StringType.get()))));

        SchemaEvolution.Plan plan = SchemaEvolution.plan(TABLE, incoming);

        assertThat(plan.madeOptional()).containsExactly("name", "user.login");
        assertThat(plan.widenings()).isEmpty();
        assertThat(plan.additions()).isEmpty();
    }

    @Test
    void reportsIncompatibleTypesNamingTheFieldAndBothTypes() {
        Schema incoming = new Schema(
                required(100, "name", Types.IntegerType.get()),
                required(101, "id", Types.StringType.get()),
                optional(102, "user", Types.StringType.get()),
                optional(103, "amount", Types.DecimalType.of(10, 3)),
                optional(104, "labels", Types.ListType.ofOptional(105, Types.StringType.get())));

        SchemaEvolution.Plan plan = SchemaEvolution.plan(TABLE, incoming);

        assertThat(plan.isCompatible()).isFalse();
        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan.problems()).containsExactly(
                "field 'name' is string in the table but int in the record",
                "field 'id' is int in the table but string in the record",
                "field 'user' is struct in the table but string in the record",
                "field 'amount' is decimal(10, 2) in the table but decimal(10, 3) in the record",
                "field 'labels' is map in the table but list in the record");
    }

    @Test
    void nestedStringValuesTakeAnythingAsJsonText() {
        Types.MapType longs = Types.MapType.ofOptional(101, 102, Types.StringType.get(), Types.LongType.get());
        Schema incoming = new Schema(optional(100, "labels", longs));
        Schema nestedMap = new Schema(optional(103, "labels",
                Types.MapType.ofOptional(104, 105, Types.StringType.get(), longs)));

        assertThat(SchemaEvolution.plan(TABLE, incoming).isEmpty()).isTrue();
        assertThat(SchemaEvolution.plan(TABLE, nestedMap).isEmpty()).isTrue();
    }

    @Test
    void mapKeysCannotBeWidened() {
        Schema table = new Schema(optional(1, "m", Types.MapType.ofOptional(2, 3, Types.IntegerType.get(),
                Types.StringType.get())));
        Schema incoming = new Schema(optional(1, "m", Types.MapType.ofOptional(2, 3, Types.LongType.get(),
                Types.StringType.get())));

        assertThat(SchemaEvolution.plan(table, incoming).problems())
                .containsExactly("field 'm.key' is int in the table but long in the record");
    }

    @Test
    void schemalessRecordsEvolveAnInferredTable() {
        Schema first = IcebergSchemas.inferFromMap(Map.of("id", 1L, "tags", Map.of("a", "x")),
                TimestampMode.TIMESTAMPTZ);
        Schema later = IcebergSchemas.inferFromMap(Map.of("id", 2, "tags", Map.of("b", 3L), "new", true),
                TimestampMode.TIMESTAMPTZ);

        SchemaEvolution.Plan plan = SchemaEvolution.plan(first, later);

        assertThat(plan.additions()).extracting(SchemaEvolution.AddColumn::name).containsExactly("new");
        assertThat(plan.widenings()).isEmpty();
        assertThat(plan.isCompatible()).isTrue();
    }

    @Test
    void appliesAPlanToARealTable(@TempDir Path dir) {
        Table table = createTable(dir, TABLE);
        Schema incoming = new Schema(
                optional(100, "id", Types.LongType.get()),
                optional(101, "score", Types.DoubleType.get()),
                optional(102, "user", Types.StructType.of(
                        optional(103, "address", Types.StructType.of(optional(104, "zip", Types.StringType.get()))))),
                optional(105, "items", Types.ListType.ofOptional(106, Types.StructType.of(
                        required(107, "qty", Types.IntegerType.get())))),
                optional(108, "attrs", Types.MapType.ofOptional(109, 110, Types.StringType.get(),
                        Types.StructType.of(optional(111, "color", Types.StringType.get())))),
                optional(112, "counts", Types.ListType.ofOptional(113, Types.LongType.get())),
                required(114, "created", Types.StructType.of(required(115, "by", Types.StringType.get()))));
        SchemaEvolution.Plan plan = SchemaEvolution.plan(table.schema(), incoming);

        UpdateSchema update = table.updateSchema();
        plan.apply(update);
        update.commit();
        table.refresh();
        Schema evolved = table.schema();

        assertThat(evolved.findField("id").type()).isEqualTo(Types.LongType.get());
        assertThat(evolved.findField("id").isOptional()).isTrue();
        assertThat(evolved.findType("score")).isEqualTo(Types.DoubleType.get());
        assertThat(evolved.findType("user.address.zip")).isEqualTo(Types.StringType.get());
        assertThat(evolved.findField("items.element").isOptional()).isTrue();
        assertThat(evolved.findField("items.element.qty").isOptional()).isTrue();
        assertThat(evolved.findType("attrs.value.color")).isEqualTo(Types.StringType.get());
        assertThat(evolved.findType("counts.element")).isEqualTo(Types.LongType.get());
        assertThat(evolved.findField("counts.element").isOptional()).isTrue();
        assertThat(evolved.findField("created").isOptional()).isTrue();
        assertThat(evolved.findField("created.by").isRequired()).isTrue();
        assertThat(SchemaEvolution.plan(evolved, incoming).isEmpty()).isTrue();
    }

    @Test
    void refusesToApplyAnIncompatiblePlan(@TempDir Path dir) {
        Table table = createTable(dir, TABLE);
        SchemaEvolution.Plan plan = SchemaEvolution.plan(table.schema(),
                new Schema(optional(100, "id", Types.StringType.get())));

        assertThatThrownBy(() -> plan.apply(table.updateSchema()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("field 'id' is int in the table but string in the record");
    }

    private static Table createTable(Path dir, Schema schema) {
        HadoopCatalog catalog = new HadoopCatalog(new Configuration(), "file:" + dir);
        return catalog.createTable(TableIdentifier.of("db", "events"), schema, PartitionSpec.unpartitioned());
    }

    /** The same schema with every id moved, as if it had been derived from a record. */
    private static Schema renumbered(Schema schema) {
        int[] next = {1000};
        return new Schema(org.apache.iceberg.types.TypeUtil.assignFreshIds(schema, () -> next[0]++).columns());
    }
}

package io.tributary.connect.iceberg.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionTermsTest {

    private static final String KEY = "iceberg.tables.partition-by";

    private static PartitionTerms parse(String... terms) {
        return PartitionTerms.parse(List.of(terms));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "id; id",
        "identity(id); id",
        "  IDENTITY ( id )  ; id",
        "year(ts); year(ts)",
        "Month(ts); month(ts)",
        "DAY( ts ); day(ts)",
        "hour(ts); hour(ts)",
        "years(ts); year(ts)",
        "months(ts); month(ts)",
        "days(ts); day(ts)",
        "hours(ts); hour(ts)",
        "bucket(16, id); bucket(16, id)",
        "bucket( 16 ,id ); bucket(16, id)",
        "bucket[16](id); bucket(16, id)",
        "Bucket [ 16 ] ( id ); bucket(16, id)",
        "truncate(4, name); truncate(4, name)",
        "TRUNCATE[4](name); truncate(4, name)",
        "user.country; user.country",
        "bucket(8, user.country); bucket(8, user.country)",
        "day(user.signup); day(user.signup)",
    })
    void parsesEveryFormToItsCanonicalForm(String term, String canonical) {
        assertThat(parse(term)).hasToString(canonical);
    }

    @Test
    void theCanonicalFormParsesBackToAnEqualValue() {
        PartitionTerms terms = parse("user.country", "DAYS(ts)", "bucket[16](id)", "truncate( 4 , name)");

        assertThat(terms).hasToString("user.country, day(ts), bucket(16, id), truncate(4, name)");
        assertThat(PartitionTerms.parse(List.of(terms.toString()))).isEqualTo(terms);
    }

    @Test
    void rejoinsTermsThatKafkaSplitAtTheCommaInsideBrackets() {
        ConfigDef def = new ConfigDef().define(KEY, Type.LIST, "", PartitionTerms.validator(), Importance.LOW, "");

        @SuppressWarnings("unchecked")
        List<String> parsed = (List<String>) def.parse(Map.of(KEY, "bucket(16, id), day(ts), truncate(4,name)"))
                .get(KEY);

        assertThat(parsed).containsExactly("bucket(16", "id)", "day(ts)", "truncate(4", "name)");
        assertThat(PartitionTerms.parse(parsed)).hasToString("bucket(16, id), day(ts), truncate(4, name)");
    }

    @Test
    void noTermsMeanUnpartitioned() {
        assertThat(PartitionTerms.parse(List.of()).isEmpty()).isTrue();
        assertThat(PartitionTerms.parse(List.of("")).isEmpty()).isTrue();
        assertThat(PartitionTerms.parse(List.of()).bind(Schemas.EVENTS)).isEqualTo(PartitionSpec.unpartitioned());
        assertThat(PartitionTerms.none().bind(Schemas.EVENTS).isUnpartitioned()).isTrue();
    }

    @Test
    void bindsEveryTransformToTheSchema() {
        PartitionSpec spec = parse("name", "year(ts)", "month(d)", "day(user.signup)", "hour(updated)",
                "bucket(16, id)", "truncate[4](name)", "bucket[8](user.country)").bind(Schemas.EVENTS);

        assertThat(spec.fields()).extracting(PartitionField::name, field -> field.transform().toString(),
                        field -> Schemas.EVENTS.findColumnName(field.sourceId()))
                .containsExactly(
                        tuple("name", "identity", "name"),
                        tuple("ts_year", "year", "ts"),
                        tuple("d_month", "month", "d"),
                        tuple("user.signup_day", "day", "user.signup"),
                        tuple("updated_hour", "hour", "updated"),
                        tuple("id_bucket", "bucket[16]", "id"),
                        tuple("name_trunc", "truncate[4]", "name"),
                        tuple("user.country_bucket", "bucket[8]", "user.country"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "foo(ts); unknown transform 'foo'",
        "day(ts; neither a column name nor a transform",
        "1st; neither a column name nor a transform",
        "day ts; neither a column name nor a transform",
        "bucket(0, id); the number of buckets must be a positive integer, not '0'",
        "bucket(-3, id); the number of buckets must be a positive integer, not '-3'",
        "bucket(x1, id); the number of buckets must be a positive integer, not 'x1'",
        "bucket[99999999999](id); the number of buckets must be a positive integer, not '99999999999'",
        "truncate[](name); the truncation width must be a positive integer, not ''",
        "bucket(id); bucket needs a number of buckets: bucket(N, col) or bucket[N](col)",
        "bucket(16); bucket needs a number of buckets",
        "truncate(name); truncate needs a truncation width: truncate(W, col) or truncate[W](col)",
        "bucket(id, 16); the number of buckets comes first: bucket(16, id)",
        "bucket[16](8, id); in brackets or as the first argument, not both",
        "day(3, ts); day takes only a column: day(col)",
        "day[3](ts); day takes only a column",
        "bucket(16, my-col); 'my-col' is not a column name",
        "day(); '' is not a column name",
    })
    void rejectsABadTermNamingItAndTheSyntax(String term, String reason) {
        assertThatThrownBy(() -> parse("id", term))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid partition term '" + term.strip() + "': ")
                .hasMessageContaining(reason)
                .hasMessageEndingWith("Accepted: " + PartitionTerms.SYNTAX);
    }

    @Test
    void rejectsAStrayComma() {
        assertThatThrownBy(() -> parse("id", " ", "day(ts)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid partition terms: empty term (a stray comma?)");
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = ';', value = {
        "day(ts); DAY(ts); Duplicate partition term 'day(ts)'",
        "id; identity(id); Duplicate partition term 'id'",
        "bucket(16, id); bucket[16](id); Duplicate partition term 'bucket(16, id)'",
        "bucket(16, id); bucket(8, id); Partition terms 'bucket(16, id)' and 'bucket(8, id)' conflict: "
                + "both apply bucket to column 'id'",
        "year(ts); day(ts); Partition terms 'year(ts)' and 'day(ts)' conflict: "
                + "Iceberg allows only one of year, month, day and hour per column",
    })
    void rejectsTermsThatIcebergWouldNotAcceptTogether(String first, String second, String message) {
        assertThatThrownBy(() -> parse(first, "name", second))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void allowsDifferentTransformsOfOneColumn() {
        PartitionSpec spec = parse("id", "bucket(16, id)", "truncate(100, id)").bind(Schemas.EVENTS);

        assertThat(spec.fields()).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "day(missing); the table schema has no column 'missing' (its top-level columns: id, name, ts, d, price, "
                + "score, user, tags, updated)",
        "day(TS); the table schema has no column 'TS' (column names are case-sensitive: did you mean 'ts'?)",
        "bucket(4, user.city); the table schema has no column 'user.city'",
        "day(name); column 'name' has type string, but day() needs a date or timestamp column",
        "year(id); column 'id' has type long, but year() needs a date or timestamp column",
        "hour(d); column 'd' has type date, but hour() needs a timestamp column",
        "bucket(4, score); column 'score' has type double, but bucket() needs an int, long, decimal",
        "truncate(4, ts); column 'ts' has type timestamptz, but truncate() needs an int, long, decimal, string "
                + "or binary column",
        "user; column 'user' has type struct, but a column used as is needs a column of a primitive type",
        "tags; column 'tags' has type list, but a column used as is needs",
        "tags.element; column 'tags.element' is inside the list 'tags'; only top-level columns and fields of "
                + "structs can be used",
    })
    void bindingRejectsAColumnThatIsMissingOrOfTheWrongType(String term, String reason) {
        PartitionTerms terms = parse("id", term);

        assertThatThrownBy(() -> terms.bind(Schemas.EVENTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Partition term '" + ColumnTransform.parse(term) + "' does not fit the "
                        + "table schema: ")
                .hasMessageContaining(reason);
    }

    @Test
    void bindingReportsIcebergsOwnObjectionsWithTheTerm() {
        Schema clashing = new Schema(
                Types.NestedField.optional(1, "ts", Types.TimestampType.withZone()),
                Types.NestedField.optional(2, "ts_day", Types.StringType.get()));

        assertThatThrownBy(() -> parse("day(ts)").bind(clashing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Partition term 'day(ts)' does not fit the table schema: ")
                .hasMessageContaining("ts_day");
    }

    @Test
    void theValidatorReportsAConfigExceptionNamingTheKey() {
        ConfigDef def = new ConfigDef().define(KEY, Type.LIST, "", PartitionTerms.validator(), Importance.LOW, "");

        assertThatThrownBy(() -> def.parse(Map.of(KEY, "day(ts), foo(id)")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("for configuration " + KEY)
                .hasMessageContaining("Invalid partition term 'foo(id)': unknown transform 'foo'");
        List<ConfigValue> validated = def.validate(Map.of(KEY, "bucket(id, 16)"));
        assertThat(validated.get(0).errorMessages()).singleElement().asString()
                .contains("the number of buckets comes first: bucket(16, id)");
        assertThat(def.parse(Map.of(KEY, "bucket(16, id), day(ts)"))).containsKey(KEY);
    }

    @Test
    void theValidatorDocumentsTheSyntax() {
        assertThat(PartitionTerms.validator()).hasToString(PartitionTerms.SYNTAX);
        assertThat(PartitionTerms.SYNTAX).contains("bucket(N, col)", "bucket[N](col)", "truncate(W, col)");
    }
}

package io.tributary.connect.iceberg.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SortTermsTest {

    private static final String KEY = "iceberg.tables.sort-by";

    private static SortTerms parse(String... terms) {
        return SortTerms.parse(List.of(terms));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "id; id asc nulls first",
        "id asc; id asc nulls first",
        "id DESC; id desc nulls last",
        "id asc nulls last; id asc nulls last",
        "id  desc   NULLS  FIRST ; id desc nulls first",
        "id nulls last; id asc nulls last",
        "identity(id) desc; id desc nulls last",
        "day(ts) desc; day(ts) desc nulls last",
        "bucket(16, id); bucket(16, id) asc nulls first",
        "bucket[16](id) desc nulls first; bucket(16, id) desc nulls first",
        "TRUNCATE(4,name) asc; truncate(4, name) asc nulls first",
        "user.country desc; user.country desc nulls last",
        "desc; desc asc nulls first",
    })
    void parsesEveryFormToItsCanonicalForm(String term, String canonical) {
        assertThat(parse(term)).hasToString(canonical);
    }

    @Test
    void bindsToASortOrderWithIcebergsNullDefaults() {
        SortOrder order = parse("day(ts) desc", "user.country", "bucket(16, id) asc nulls last")
                .bind(Schemas.EVENTS);

        assertThat(order.fields())
                .extracting(field -> Schemas.EVENTS.findColumnName(field.sourceId()),
                        field -> field.transform().toString(), SortField::direction, SortField::nullOrder)
                .containsExactly(
                        tuple("ts", "day", SortDirection.DESC, NullOrder.NULLS_LAST),
                        tuple("user.country", "identity", SortDirection.ASC, NullOrder.NULLS_FIRST),
                        tuple("id", "bucket[16]", SortDirection.ASC, NullOrder.NULLS_LAST));
    }

    @Test
    void rejoinsTermsThatKafkaSplitAtTheCommaInsideBrackets() {
        ConfigDef def = new ConfigDef().define(KEY, Type.LIST, "", SortTerms.validator(), Importance.LOW, "");

        @SuppressWarnings("unchecked")
        List<String> parsed = (List<String>) def.parse(Map.of(KEY, "bucket(16, id) desc, ts")).get(KEY);

        assertThat(SortTerms.parse(parsed)).hasToString("bucket(16, id) desc nulls last, ts asc nulls first");
    }

    @Test
    void noTermsMeanUnsorted() {
        assertThat(SortTerms.parse(List.of()).isEmpty()).isTrue();
        assertThat(SortTerms.parse(List.of()).bind(Schemas.EVENTS).isUnsorted()).isTrue();
        assertThat(SortTerms.none().bind(Schemas.EVENTS)).isEqualTo(SortOrder.unsorted());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "id up; neither a column name nor a transform",
        "id desc nulls; neither a column name nor a transform",
        "id nulls middle; neither a column name nor a transform",
        "id asc desc; neither a column name nor a transform",
        "foo(id) desc; unknown transform 'foo'",
        "bucket(id) desc; bucket needs a number of buckets",
        "bucket(0, id); the number of buckets must be a positive integer",
    })
    void rejectsABadTermNamingItAndTheSyntax(String term, String reason) {
        assertThatThrownBy(() -> parse("name", term))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid sort term '" + term + "': ")
                .hasMessageContaining(reason)
                .hasMessageEndingWith("Accepted: " + SortTerms.SYNTAX);
    }

    @Test
    void rejectsSortingByTheSameExpressionTwice() {
        assertThatThrownBy(() -> parse("ts desc", "name", "identity(ts) asc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sort terms 'ts desc nulls last' and 'ts asc nulls first' sort by the same "
                        + "expression");
        assertThat(parse("ts", "day(ts)", "hour(ts)")).hasToString(
                "ts asc nulls first, day(ts) asc nulls first, hour(ts) asc nulls first");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "missing desc; the table schema has no column 'missing'",
        "day(name); column 'name' has type string, but day() needs a date or timestamp column",
        "user; column 'user' has type struct",
        "tags.element desc; column 'tags.element' is inside the list 'tags'",
    })
    void bindingRejectsAColumnThatIsMissingOrOfTheWrongType(String term, String reason) {
        SortTerms terms = parse("id", term);

        assertThatThrownBy(() -> terms.bind(Schemas.EVENTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Sort term '" + parse(term) + "' does not fit the table schema: ")
                .hasMessageContaining(reason);
    }

    @Test
    void theValidatorReportsAConfigExceptionNamingTheKey() {
        ConfigDef def = new ConfigDef().define(KEY, Type.LIST, "", SortTerms.validator(), Importance.LOW, "");

        assertThatThrownBy(() -> def.parse(Map.of(KEY, "id, ts downwards")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("for configuration " + KEY)
                .hasMessageContaining("Invalid sort term 'ts downwards'");
        assertThat(SortTerms.validator()).hasToString(SortTerms.SYNTAX);
    }
}

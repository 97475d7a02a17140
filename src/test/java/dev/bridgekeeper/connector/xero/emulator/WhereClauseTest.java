package dev.bridgekeeper.connector.xero.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The subset of Xero's where/order language the emulator understands. */
class WhereClauseTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode INVOICE = JSON.readTree("""
            {"Type":"ACCPAY","Status":"AUTHORISED","Total":115.00,"IsDiscounted":false,
             "Date":"/Date(1577836800000+0000)/","Reference":"PO-1234",
             "Contact":{"ContactID":"A3675FC4-F8DD-4F03-BA5B-F1870566BCD7","Name":"Barney Rubble"}}""");

    private static boolean matches(String where) {
        return WhereClause.parse(where).test(INVOICE);
    }

    @Test
    void comparesStringsNumbersBooleansDatesAndGuids() {
        assertThat(matches("Type==\"ACCPAY\"")).isTrue();
        assertThat(matches("Type!=\"ACCPAY\"")).isFalse();
        assertThat(matches("Total>100 && Total<=115.00")).isTrue();
        assertThat(matches("IsDiscounted==false")).isTrue();
        assertThat(matches("Date>=DateTime(2020,01,01) AND Date<DateTime(2020,1,2)")).isTrue();
        assertThat(matches("Contact.ContactID==Guid(\"a3675fc4-f8dd-4f03-ba5b-f1870566bcd7\")")).isTrue();
        assertThat(matches("Missing==null")).isTrue();
    }

    @Test
    void combinesWithAndOrNotAndParentheses() {
        assertThat(matches("Type==\"ACCREC\" OR (Status==\"AUTHORISED\" AND NOT Total<50)")).isTrue();
        assertThat(matches("!(Type==\"ACCPAY\") || Status==\"PAID\"")).isFalse();
    }

    @Test
    void callsStringMethods() {
        assertThat(matches("Reference.StartsWith(\"PO-\")")).isTrue();
        assertThat(matches("Contact.Name.Contains(\"Rubble\")")).isTrue();
        assertThat(matches("Contact.Name.ToLower()==\"barney rubble\"")).isTrue();
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> WhereClause.parse("Type==")).hasMessageContaining("ends too early");
        assertThatThrownBy(() -> WhereClause.parse("Type=\"x\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhereClause.parse("Name.Matches(\"x\")").test(INVOICE))
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> WhereClause.order("Name SIDEWAYS")).hasMessageContaining("ASC or DESC");
    }

    @Test
    void ordersByOneOrMoreMembers() {
        List<JsonNode> rows = new ArrayList<>(List.of(JSON.readTree("{\"A\":\"b\",\"N\":2}"),
                JSON.readTree("{\"A\":\"a\",\"N\":3}"), JSON.readTree("{\"A\":\"b\",\"N\":1}")));
        rows.sort(WhereClause.order("A ASC, N DESC"));
        assertThat(rows).extracting(r -> r.path("N").asInt()).containsExactly(3, 2, 1);
    }
}

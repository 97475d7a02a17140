package dev.bridgekeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The words a customer reads for each data type: one for every data type there is, and the same in the consent
 * texts the server renders as on the Link UI's screens (frontend/packages/link-core/src/data-types.ts).
 */
class DataTypeNamesTest {

    private static final Path LINK_UI_WORDS = Path.of("frontend", "packages", "link-core", "src", "data-types.ts");
    private static final Pattern ENTRY = Pattern.compile("^\\s+\"?([A-Za-z-]+)\"?: \"([^\"]+)\",$", Pattern.MULTILINE);

    @Test
    void everyDataTypeHasPlainWords() {
        List<String> names = DataTypes.all().stream().map(DataType::name).toList();
        assertThat(DataTypeNames.all().keySet()).containsExactlyInAnyOrderElementsOf(names);
        for (String dataType : names) {
            assertThat(DataTypeNames.plain(dataType)).as(dataType).matches("[a-z ]+").doesNotContain("-");
        }
    }

    @Test
    void theLinkUiSaysTheSameWords() throws IOException {
        Map<String, String> linkUi = new LinkedHashMap<>();
        Matcher entry = ENTRY.matcher(Files.readString(LINK_UI_WORDS));
        while (entry.find()) {
            linkUi.put(entry.group(1), entry.group(2));
        }
        assertThat(linkUi).isEqualTo(DataTypeNames.all());
    }

    @Test
    void listItemsStartWithACapitalAndUnknownKeysAreStillWords() {
        assertThat(DataTypeNames.listItem("chartOfAccounts")).isEqualTo("Chart of accounts");
        assertThat(DataTypeNames.listItem("banking-accountBalances")).isEqualTo("Account balances");
        assertThat(DataTypeNames.plain("commerce-giftCards")).isEqualTo("gift cards");
    }
}

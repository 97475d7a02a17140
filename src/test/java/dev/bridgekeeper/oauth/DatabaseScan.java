package dev.bridgekeeper.oauth;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Looks for a secret in every column of every table of Bridgekeeper's schema, as an attacker with
 * a database dump would. (The sandbox platforms keep their own records in the {@code sandbox}
 * schema, standing in for a real platform's database, which would not be ours to dump.)
 */
final class DatabaseScan {

    private DatabaseScan() {}

    static List<String> tablesContaining(JdbcTemplate jdbc, String secret) {
        List<String> hits = new ArrayList<>();
        List<String> tables = jdbc.queryForList("select table_name from information_schema.tables"
                + " where table_schema = 'public' and table_type = 'BASE TABLE'", String.class);
        for (String table : tables) {
            Integer found = jdbc.queryForObject("select count(*) from \"" + table + "\" t where t::text like ?"
                    + " or encode(convert_to(t::text, 'UTF8'), 'escape') like ?", Integer.class,
                    "%" + secret + "%", "%" + secret + "%");
            if (found != null && found > 0) {
                hits.add(table);
            }
        }
        return hits;
    }
}

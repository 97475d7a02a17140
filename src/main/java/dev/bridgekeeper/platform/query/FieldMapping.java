package dev.bridgekeeper.platform.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The fields one endpoint lets callers query and sort by. Names match case-insensitively, as Codat's do. An
 * optional fallback answers for names that aren't declared, e.g. any path into a jsonb document; it returns
 * null for a name it doesn't know.
 */
public final class FieldMapping {

    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final Map<String, FieldSpec> byLowerCaseName;
    private final List<String> names;
    private final Function<String, FieldSpec> fallback;

    private FieldMapping(Map<String, FieldSpec> byLowerCaseName, List<String> names,
            Function<String, FieldSpec> fallback) {
        this.byLowerCaseName = byLowerCaseName;
        this.names = names;
        this.fallback = fallback;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A mapping of exactly these fields, listed in error messages in the map's iteration order. */
    public static FieldMapping of(Map<String, FieldSpec> fields) {
        Builder builder = builder();
        fields.forEach(builder::field);
        return builder.build();
    }

    /**
     * A fallback that reads any dotted path from the jsonb {@code column}: {@code metadata.isDeleted} becomes
     * {@code column #>> '{metadata,isDeleted}'}, compared according to the value (see {@link QuerySql}). Paths
     * are checked to hold only letters, digits, "_" and "." so they are safe inside the SQL literal.
     */
    public static Function<String, FieldSpec> jsonbFallback(String column) {
        if (column == null || !COLUMN.matcher(column).matches()) {
            throw new IllegalArgumentException("Not a column name: " + column);
        }
        return field -> {
            if (!FieldNames.isValid(field)) {
                throw new QueryFieldException(field, "Field \"" + field + "\" can't be used; field names are "
                        + "letters, digits and \"_\", with \".\" between the parts of a path");
            }
            return new FieldSpec(column + " #>> '{" + field.replace('.', ',') + "}'", FieldType.STRING, true);
        };
    }

    /** The spec for {@code field}, declared or from the fallback. */
    public Optional<FieldSpec> find(String field) {
        FieldSpec declared = field == null ? null : byLowerCaseName.get(field.toLowerCase(Locale.ROOT));
        if (declared != null || fallback == null) {
            return Optional.ofNullable(declared);
        }
        return Optional.ofNullable(fallback.apply(field));
    }

    /** Declared field names, as written when declared. */
    public List<String> fieldNames() {
        return names;
    }

    /** Like {@link #find} but throws a message naming the usable fields, e.g. for parameter "query". */
    FieldSpec require(String field, String parameter, String adjective) {
        return find(field).orElseThrow(() -> new QueryFieldException(field, names.isEmpty()
                ? "Unknown field \"" + field + "\" in " + parameter + "; there are no " + adjective + " fields here"
                : "Unknown field \"" + field + "\" in " + parameter + "; " + adjective + " fields are: "
                        + String.join(", ", names)));
    }

    /** Collects declared fields in order; rejects names the query language couldn't express, and duplicates. */
    public static final class Builder {

        private final Map<String, FieldSpec> byLowerCaseName = new LinkedHashMap<>();
        private final List<String> names = new ArrayList<>();
        private Function<String, FieldSpec> fallback;

        private Builder() {
        }

        public Builder field(String name, String sqlExpression, FieldType type) {
            return field(name, new FieldSpec(sqlExpression, type));
        }

        public Builder field(String name, FieldSpec spec) {
            if (!FieldNames.isValid(name)) {
                throw new IllegalArgumentException("Not a valid field name: " + name);
            }
            Objects.requireNonNull(spec, "spec");
            if (byLowerCaseName.putIfAbsent(name.toLowerCase(Locale.ROOT), spec) != null) {
                throw new IllegalArgumentException("Field declared twice: " + name);
            }
            names.add(name);
            return this;
        }

        public Builder fallback(Function<String, FieldSpec> fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        public FieldMapping build() {
            return new FieldMapping(Map.copyOf(byLowerCaseName), List.copyOf(names), fallback);
        }
    }
}

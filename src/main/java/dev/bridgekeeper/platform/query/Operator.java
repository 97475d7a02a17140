package dev.bridgekeeper.platform.query;

import java.util.Optional;

/** The comparison operators of Codat's query language, with the symbol a caller writes. */
public enum Operator {
    EQUALS("="),
    NOT_EQUALS("!="),
    CONTAINS("~"),
    GREATER_THAN(">"),
    LESS_THAN("<"),
    GREATER_THAN_OR_EQUAL(">="),
    LESS_THAN_OR_EQUAL("<=");

    /** Two-character symbols first, so {@code >=} is never read as {@code >} followed by a value "=...". */
    private static final Operator[] BY_SYMBOL_LENGTH = {
        NOT_EQUALS, GREATER_THAN_OR_EQUAL, LESS_THAN_OR_EQUAL, EQUALS, CONTAINS, GREATER_THAN, LESS_THAN
    };

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True for {@code >, <, >=, <=}: the operators that need a type with an order. */
    public boolean isOrdering() {
        return this == GREATER_THAN || this == LESS_THAN || this == GREATER_THAN_OR_EQUAL
                || this == LESS_THAN_OR_EQUAL;
    }

    /** True for {@code =} and {@code !=}, the only operators that make sense for every type. */
    public boolean isEquality() {
        return this == EQUALS || this == NOT_EQUALS;
    }

    /** The operator written at {@code position} in {@code text}, if any. */
    static Optional<Operator> at(String text, int position) {
        for (Operator operator : BY_SYMBOL_LENGTH) {
            if (text.startsWith(operator.symbol, position)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }
}

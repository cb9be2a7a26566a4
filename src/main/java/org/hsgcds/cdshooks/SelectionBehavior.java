package org.hsgcds.cdshooks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How many of a card's suggestions may be accepted (CDS Hooks 2.0 {@code selectionBehavior}). */
public enum SelectionBehavior {
    AT_MOST_ONE("at-most-one"),
    ANY("any");

    private final String code;

    SelectionBehavior(String code) {
        this.code = code;
    }

    /** The value as CDS Hooks writes it. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The constant for a value as CDS Hooks writes it; anything else is refused, naming the values allowed. */
    @JsonCreator
    public static SelectionBehavior of(String code) {
        for (SelectionBehavior value : values()) {
            if (value.code.equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not one of "
                + Arrays.stream(values()).map(SelectionBehavior::code).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return code;
    }
}

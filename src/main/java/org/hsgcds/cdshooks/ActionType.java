package org.hsgcds.cdshooks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a suggestion's action does to the EHR's data (CDS Hooks 2.0 {@code action.type}). */
public enum ActionType {
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete");

    private final String code;

    ActionType(String code) {
        this.code = code;
    }

    /** The value as CDS Hooks writes it. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The constant for a value as CDS Hooks writes it; anything else is refused, naming the values allowed. */
    @JsonCreator
    public static ActionType of(String code) {
        for (ActionType value : values()) {
            if (value.code.equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not one of "
                + Arrays.stream(values()).map(ActionType::code).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return code;
    }
}

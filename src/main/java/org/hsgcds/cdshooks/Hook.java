package org.hsgcds.cdshooks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The hooks this service answers, by their CDS Hooks names. */
public enum Hook {
    ORDER_SIGN("order-sign"),
    ORDER_SELECT("order-select"),
    APPOINTMENT_BOOK("appointment-book");

    private final String code;

    Hook(String code) {
        this.code = code;
    }

    /** The value as CDS Hooks writes it. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The constant for a value as CDS Hooks writes it; anything else is refused, naming the values allowed. */
    @JsonCreator
    public static Hook of(String code) {
        for (Hook value : values()) {
            if (value.code.equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not one of "
                + Arrays.stream(values()).map(Hook::code).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return code;
    }
}

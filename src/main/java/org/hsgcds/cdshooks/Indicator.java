package org.hsgcds.cdshooks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A card's urgency (CDS Hooks 2.0 {@code indicator}), from the least to the most urgent. */
public enum Indicator {
    INFO("info"),
    WARNING("warning"),
    CRITICAL("critical");

    private final String code;

    Indicator(String code) {
        this.code = code;
    }

    /** The value as CDS Hooks writes it. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The constant for a value as CDS Hooks writes it; anything else is refused, naming the values allowed. */
    @JsonCreator
    public static Indicator of(String code) {
        for (Indicator value : values()) {
            if (value.code.equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not one of "
                + Arrays.stream(values()).map(Indicator::code).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return code;
    }
}

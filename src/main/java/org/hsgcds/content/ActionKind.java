package org.hsgcds.content;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.hsgcds.cdshooks.ActionType;

/**
 * What a card file's suggestion action does: the three CDS Hooks action types, and {@code reschedule}, which only
 * the card file knows (appointments: sent as an {@code update} of the appointment moved to the new day).
 */
public enum ActionKind {
    CREATE(ActionType.CREATE),
    UPDATE(ActionType.UPDATE),
    DELETE(ActionType.DELETE),
    RESCHEDULE(ActionType.UPDATE);

    private final ActionType sentAs;

    ActionKind(ActionType sentAs) {
        this.sentAs = sentAs;
    }

    /** The CDS Hooks action type the suggestion is sent with. */
    public ActionType sentAs() {
        return sentAs;
    }

    @JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static ActionKind of(String code) {
        for (ActionKind kind : values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not one of create, update, delete, reschedule");
    }

    @Override
    public String toString() {
        return code();
    }
}

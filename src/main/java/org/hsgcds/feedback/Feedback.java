package org.hsgcds.feedback;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hsgcds.cdshooks.Coding;

/**
 * One validated feedback item. The timestamp is kept in UTC at microsecond precision, the precision
 * both databases store, so the same item sent twice compares equal (card + outcome + timestamp).
 */
record Feedback(
        String card,
        Outcome outcome,
        List<String> acceptedSuggestions,
        Coding reason,
        String userComment,
        OffsetDateTime outcomeAt) {

    enum Outcome {
        ACCEPTED,
        OVERRIDDEN;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Feedback {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(outcome, "outcome");
        acceptedSuggestions = acceptedSuggestions == null ? List.of() : List.copyOf(acceptedSuggestions);
        outcomeAt = outcomeAt.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}

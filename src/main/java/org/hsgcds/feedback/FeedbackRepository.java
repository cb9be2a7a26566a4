package org.hsgcds.feedback;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Card feedback rows. Insert-if-absent on (card, outcome, timestamp) makes a repeated post harmless. */
@Repository
class FeedbackRepository {

    private final JdbcClient jdbc;

    FeedbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Saved(boolean inserted, boolean knownCard) {}

    Saved save(String serviceId, Feedback item, OffsetDateTime receivedAt) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM issued_card WHERE card_uuid = :card AND service_id = :service")
                        .param("card", item.card())
                        .param("service", serviceId)
                        .query(Long.class)
                        .single()
                > 0;
        int rows = jdbc.sql("""
                INSERT INTO card_feedback (service_id, card_uuid, outcome, outcome_at, accepted_suggestions,
                    reason_system, reason_code, reason_display, user_comment, known_card, received_at)
                VALUES (:service, :card, :outcome, :outcomeAt, :accepted, :reasonSystem, :reasonCode, :reasonDisplay,
                    :comment, :known, :receivedAt)
                ON CONFLICT DO NOTHING""")
                .param("service", serviceId)
                .param("card", item.card())
                .param("outcome", item.outcome().code())
                .param("outcomeAt", item.outcomeAt())
                .param(
                        "accepted",
                        item.acceptedSuggestions().isEmpty() ? null : String.join(" ", item.acceptedSuggestions()))
                .param(
                        "reasonSystem",
                        item.reason() == null ? null : item.reason().system())
                .param(
                        "reasonCode",
                        item.reason() == null ? null : item.reason().code())
                .param(
                        "reasonDisplay",
                        item.reason() == null ? null : item.reason().display())
                .param("comment", item.userComment())
                .param("known", known)
                .param("receivedAt", receivedAt)
                .update();
        return new Saved(rows == 1, known);
    }
}

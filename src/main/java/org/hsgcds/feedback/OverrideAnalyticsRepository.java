package org.hsgcds.feedback;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Aggregates issued cards and their feedback per topic for a half-open time range [start, end). */
@Repository
class OverrideAnalyticsRepository {

    private final JdbcClient jdbc;

    OverrideAnalyticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record TopicCounts(String topic, long issued, long accepted, long overridden) {}

    record TopicReason(String topic, String system, String code, String display, long count) {}

    /**
     * Each card's outcome: the last one posted for it (by outcome time, then by arrival). A card is issued to
     * one hook call, which names one user, so "one outcome per card" is also one per card and user: a client
     * posting an accepted and then an overridden outcome, or the same override with three hundred different
     * reasons, counts one outcome and one reason for that card (#29).
     */
    private static final String LATEST_OUTCOME = """
            (SELECT card_uuid, outcome, reason_system, reason_code, reason_display FROM (
                SELECT card_uuid, outcome, reason_system, reason_code, reason_display,
                    ROW_NUMBER() OVER (PARTITION BY card_uuid ORDER BY outcome_at DESC, id DESC) AS rank_in_card
                FROM card_feedback) ranked
             WHERE rank_in_card = 1)""";

    /** Sorted by topic. Accepted and overridden count distinct cards, each under its last outcome. */
    List<TopicCounts> counts(OffsetDateTime start, OffsetDateTime end) {
        Map<String, TopicCounts> byTopic = new TreeMap<>();
        jdbc.sql("""
                SELECT c.topic AS topic, COUNT(*) AS issued,
                    COUNT(CASE WHEN f.outcome = 'accepted' THEN 1 END) AS accepted,
                    COUNT(CASE WHEN f.outcome = 'overridden' THEN 1 END) AS overridden
                FROM issued_card c LEFT JOIN {latest} f ON f.card_uuid = c.card_uuid
                WHERE c.issued_at >= :start AND c.issued_at < :end
                GROUP BY c.topic""".replace("{latest}", LATEST_OUTCOME))
                .param("start", start)
                .param("end", end)
                .query((rs, n) -> new TopicCounts(
                        rs.getString("topic"), rs.getLong("issued"), rs.getLong("accepted"), rs.getLong("overridden")))
                .list()
                .forEach(row -> byTopic.put(row.topic(), row));
        return List.copyOf(byTopic.values());
    }

    /**
     * Override reasons per topic, most frequent first: each overridden card counts once, under the reason of
     * its last outcome, so the reasons of a topic add up to at most its overridden cards.
     */
    List<TopicReason> reasons(OffsetDateTime start, OffsetDateTime end) {
        return jdbc.sql("""
                SELECT c.topic AS topic, f.reason_system AS reason_system, f.reason_code AS reason_code,
                    MAX(f.reason_display) AS reason_display, COUNT(*) AS n
                FROM {latest} f JOIN issued_card c ON c.card_uuid = f.card_uuid
                WHERE f.outcome = 'overridden' AND f.reason_code IS NOT NULL
                    AND c.issued_at >= :start AND c.issued_at < :end
                GROUP BY c.topic, f.reason_system, f.reason_code
                ORDER BY c.topic, n DESC, f.reason_code""".replace("{latest}", LATEST_OUTCOME))
                .param("start", start)
                .param("end", end)
                .query((rs, n) -> new TopicReason(
                        rs.getString("topic"),
                        rs.getString("reason_system"),
                        rs.getString("reason_code"),
                        rs.getString("reason_display"),
                        rs.getLong("n")))
                .list();
    }

    long feedbackForUnknownCards(OffsetDateTime start, OffsetDateTime end) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM card_feedback
                WHERE known_card = FALSE AND outcome_at >= :start AND outcome_at < :end""")
                .param("start", start)
                .param("end", end)
                .query(Long.class)
                .single();
    }
}

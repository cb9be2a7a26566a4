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

    /** Sorted by topic. Accepted and overridden count distinct cards. */
    List<TopicCounts> counts(OffsetDateTime start, OffsetDateTime end) {
        Map<String, TopicCounts> byTopic = new TreeMap<>();
        jdbc.sql("""
                SELECT c.topic AS topic, COUNT(*) AS issued,
                    COUNT(CASE WHEN EXISTS (SELECT 1 FROM card_feedback f
                        WHERE f.card_uuid = c.card_uuid AND f.outcome = 'accepted') THEN 1 END) AS accepted,
                    COUNT(CASE WHEN EXISTS (SELECT 1 FROM card_feedback f
                        WHERE f.card_uuid = c.card_uuid AND f.outcome = 'overridden') THEN 1 END) AS overridden
                FROM issued_card c
                WHERE c.issued_at >= :start AND c.issued_at < :end
                GROUP BY c.topic""")
                .param("start", start)
                .param("end", end)
                .query((rs, n) -> new TopicCounts(
                        rs.getString("topic"), rs.getLong("issued"), rs.getLong("accepted"), rs.getLong("overridden")))
                .list()
                .forEach(row -> byTopic.put(row.topic(), row));
        return List.copyOf(byTopic.values());
    }

    /**
     * Override reasons per topic, most frequent first, each card counted once per reason: a client posting
     * the same override three hundred times (at different times, so each is stored) still counts one.
     */
    List<TopicReason> reasons(OffsetDateTime start, OffsetDateTime end) {
        return jdbc.sql("""
                SELECT c.topic AS topic, f.reason_system AS reason_system, f.reason_code AS reason_code,
                    MAX(f.reason_display) AS reason_display, COUNT(DISTINCT f.card_uuid) AS n
                FROM card_feedback f JOIN issued_card c ON c.card_uuid = f.card_uuid
                WHERE f.outcome = 'overridden' AND f.reason_code IS NOT NULL
                    AND c.issued_at >= :start AND c.issued_at < :end
                GROUP BY c.topic, f.reason_system, f.reason_code
                ORDER BY c.topic, n DESC, f.reason_code""")
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

package org.hsgcds.feedback;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hsgcds.hooks.Card;
import org.hsgcds.hooks.IssuedCardsListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Remembers each card issued (uuid, service, topic, indicator, hookInstance, time; nothing about the
 * patient) so feedback can be tied to the topic that produced it. A database failure is logged and
 * the hook call still gets its cards.
 */
@Component
class IssuedCardRecorder implements IssuedCardsListener {

    private static final Logger log = LoggerFactory.getLogger(IssuedCardRecorder.class);
    private static final String INSERT = """
            INSERT INTO issued_card (card_uuid, service_id, topic, indicator, hook_instance, issued_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IssuedCardRecorder(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void issued(String serviceId, String hookInstance, List<Card> cards) {
        if (cards.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<Object[]> rows = cards.stream().map(card -> new Object[] {
                card.uuid(), serviceId, topic(card), card.indicator(), hookInstance,
                new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, now)}).toList();
        try {
            jdbc.batchUpdate(INSERT, rows);
        } catch (RuntimeException e) {
            log.warn("Could not record {} issued card(s) for {} ({}); feedback on them will be flagged as unknown",
                    cards.size(), serviceId, e.getClass().getSimpleName());
        }
    }

    private static String topic(Card card) {
        return card.source() != null && card.source().topic() != null ? card.source().topic().code() : "unknown";
    }
}

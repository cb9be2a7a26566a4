package org.hsgcds.feedback;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Override analytics over cards issued from {@code from} to {@code to} (whole UTC days, inclusive).
 * {@code overrideRate} is overridden ÷ issued, three decimals. {@code feedbackForUnknownCards} counts
 * feedback items in the range whose card this service has no record of issuing.
 */
record OverrideReport(LocalDate from, LocalDate to, List<TopicRow> topics, long feedbackForUnknownCards) {

    OverrideReport {
        topics = List.copyOf(topics);
    }

    record TopicRow(
            String topic,
            long issued,
            long accepted,
            long overridden,
            BigDecimal overrideRate,
            List<ReasonCount> topOverrideReasons) {

        TopicRow {
            topOverrideReasons = List.copyOf(topOverrideReasons);
        }
    }

    record ReasonCount(String system, String code, String display, long count) {}
}

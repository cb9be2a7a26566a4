package org.hsgcds.feedback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.web.HookRequestException;
import org.springframework.stereotype.Service;

/** Builds the override report for a date range: by default the last 30 days, today included (UTC). */
@Service
class OverrideAnalytics {

    static final int DEFAULT_DAYS = 30;
    static final int TOP_REASONS = 3;

    private final OverrideAnalyticsRepository repository;
    private final Clock clock;

    OverrideAnalytics(OverrideAnalyticsRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    OverrideReport report(String fromText, String toText) {
        LocalDate to = toText == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : date("to", toText);
        LocalDate from = fromText == null ? to.minusDays(DEFAULT_DAYS - 1) : date("from", fromText);
        if (from.isAfter(to)) {
            throw HookRequestException.badRequest("from (" + from + ") must not be after to (" + to + ")");
        }
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        List<OverrideAnalyticsRepository.TopicReason> reasons = repository.reasons(start, end);
        List<OverrideReport.TopicRow> rows = new ArrayList<>();
        for (OverrideAnalyticsRepository.TopicCounts counts : repository.counts(start, end)) {
            List<OverrideReport.ReasonCount> top = reasons.stream()
                    .filter(r -> r.topic().equals(counts.topic()))
                    .limit(TOP_REASONS)
                    .map(r -> new OverrideReport.ReasonCount(r.system(), r.code(), r.display(), r.count()))
                    .toList();
            rows.add(new OverrideReport.TopicRow(
                    counts.topic(),
                    counts.issued(),
                    counts.accepted(),
                    counts.overridden(),
                    rate(counts.overridden(), counts.issued()),
                    top));
        }
        return new OverrideReport(from, to, rows, repository.feedbackForUnknownCards(start, end));
    }

    private static BigDecimal rate(long overridden, long issued) {
        return BigDecimal.valueOf(overridden).divide(BigDecimal.valueOf(issued), 3, RoundingMode.HALF_UP);
    }

    private static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw HookRequestException.badRequest(name + " must be a date written YYYY-MM-DD");
        }
    }
}

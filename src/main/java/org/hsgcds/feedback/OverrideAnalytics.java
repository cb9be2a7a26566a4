package org.hsgcds.feedback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hsgcds.content.CardCatalog;
import org.hsgcds.content.CardDefinition;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.web.ApiRequestException;
import org.springframework.stereotype.Service;

/** Builds the override report for a date range: by default the last 30 days, today included (UTC). */
@Service
class OverrideAnalytics {

    static final int DEFAULT_DAYS = 30;
    static final int TOP_REASONS = 3;

    private final OverrideAnalyticsRepository repository;
    private final ContentHolder content;
    private final Clock clock;

    OverrideAnalytics(OverrideAnalyticsRepository repository, ContentHolder content, Clock clock) {
        this.repository = repository;
        this.content = content;
        this.clock = clock;
    }

    /** "system|code" of every override reason the cards of each topic offer, in the running content. */
    private Map<String, Set<String>> offered() {
        CardCatalog catalog = content.content().cards();
        Map<String, Set<String>> offered = new HashMap<>();
        for (CardDefinition card : catalog.cards()) {
            for (String code : card.overrideReasons()) {
                offered.computeIfAbsent(card.topic(), t -> new HashSet<>())
                        .add(catalog.overrideReasonSystem() + "|" + code);
            }
        }
        return offered;
    }

    OverrideReport report(String fromText, String toText) {
        LocalDate to = toText == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : date("to", toText);
        LocalDate from = fromText == null ? to.minusDays(DEFAULT_DAYS - 1) : date("from", fromText);
        if (from.isAfter(to)) {
            throw ApiRequestException.badRequest("from (" + from + ") must not be after to (" + to + ")");
        }
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        List<OverrideAnalyticsRepository.TopicReason> reasons = repository.reasons(start, end);
        Map<String, Set<String>> offered = offered();
        List<OverrideReport.TopicRow> rows = new ArrayList<>();
        for (OverrideAnalyticsRepository.TopicCounts counts : repository.counts(start, end)) {
            Set<String> ofTopic = offered.getOrDefault(counts.topic(), Set.of());
            List<OverrideReport.ReasonCount> top = reasons.stream()
                    .filter(r -> r.topic().equals(counts.topic()))
                    .filter(r -> ofTopic.contains(r.system() + "|" + r.code()))
                    .limit(TOP_REASONS)
                    .map(r -> new OverrideReport.ReasonCount(r.system(), r.code(), r.display(), r.count()))
                    .toList();
            List<OverrideReport.ReasonCount> unoffered = reasons.stream()
                    .filter(r -> r.topic().equals(counts.topic()))
                    .filter(r -> !ofTopic.contains(r.system() + "|" + r.code()))
                    .limit(TOP_REASONS)
                    .map(r -> new OverrideReport.ReasonCount(r.system(), r.code(), r.display(), r.count()))
                    .toList();
            rows.add(new OverrideReport.TopicRow(
                    counts.topic(),
                    counts.issued(),
                    counts.accepted(),
                    counts.overridden(),
                    rate(counts.overridden(), counts.issued()),
                    top,
                    unoffered));
        }
        return new OverrideReport(from, to, rows, repository.feedbackForUnknownCards(start, end));
    }

    private static BigDecimal rate(long overridden, long issued) {
        return BigDecimal.valueOf(overridden).divide(BigDecimal.valueOf(issued), 3, RoundingMode.HALF_UP);
    }

    private static LocalDate date(String name, String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiRequestException.badRequest(name + " must be a date written YYYY-MM-DD");
        }
        // "+999999999-12-31" parses, and the day after it (the range's end) does not exist: that was a 500.
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw ApiRequestException.badRequest(name + " must be a date between years 1 and 9999");
        }
        return date;
    }
}

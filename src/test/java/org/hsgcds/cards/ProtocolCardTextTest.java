package org.hsgcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.content.CardCatalog;
import org.hsgcds.content.SiteProtocol;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.evaluation.RuleResults;
import org.hsgcds.testsupport.CardJson;
import org.junit.jupiter.api.Test;

/** Card text may quote the site protocol: {@code {{checkedAgainst}}} and {@code {{protocol.<key>}}}. */
class ProtocolCardTextTest {

    private static final SiteProtocol SITE = new SiteProtocol(
            5,
            10,
            56,
            0,
            new java.math.BigDecimal("25.0"),
            new java.math.BigDecimal("5"),
            14,
            90,
            12,
            42,
            java.time.ZoneId.of("Asia/Shanghai"),
            "Azithromycin 1 g once",
            "- Empty the bladder",
            "- No tub bath",
            "HSG clinic, +44 20 7946 0000",
            "file:/etc/site.json");

    @Test
    void placeholdersAreFilledFromTheProtocolOfTheContentVersion() {
        CardCatalog catalog = CardJson.catalog("""
                {
                  "library": "HSGEligibility",
                  "libraryVersion": "1.0.0",
                  "sourceLabel": "HSG",
                  "topicSystem": "http://example.org/topic",
                  "overrideReasonSystem": "http://example.org/override",
                  "overrideReasonDisplays": {},
                  "cards": [{
                    "id": "eligible",
                    "topic": "eligible",
                    "topicDisplay": "Eligible",
                    "indicator": "info",
                    "when": "Clear",
                    "summary": "Clear for {{plannedDate}}",
                    "detail": "{{checkedAgainst}}\\n\\n{{protocol.prophylaxisRegimen}} / {{protocol.hcgPositiveThreshold}} / {{protocol.hcgRecencyDays}}\\n{{protocol.preparationText}}"
                  }],
                  "contraindicationTopics": []
                }
                """);
        CardContext context = new CardContext(
                "p1",
                "ServiceRequest/o1",
                null,
                PlannedDate.on(LocalDate.parse("2026-12-03")),
                LocalDate.parse("2026-12-01"),
                "http://localhost",
                List.of());

        List<Card> cards = new CardAssembler(catalog, SITE).cards(new RuleResults(Map.of("Clear", true)), context);

        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).detail())
                .isEqualTo(
                        "Site protocol: window cycle days 5–10; recent delivery/abortion/curettage"
                                + " 56 days; negative hCG on the planned day (positive ≥ 25, negative < 5 IU/L); discharge check 14 days;"
                                + " chlamydia/gonorrhoea results 90 days, screening 12 months; dates in Asia/Shanghai\n\nAzithromycin 1 g once / 25 / 0\n- Empty the bladder");
    }
}

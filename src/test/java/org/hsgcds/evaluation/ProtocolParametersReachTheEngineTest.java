package org.hsgcds.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.cqframework.cql.cql2elm.CqlCompilerOptions;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.ModelManager;
import org.hl7.elm.r1.VersionedIdentifier;
import org.hsgcds.content.ContentLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.Environment;
import org.opencds.cqf.cql.engine.execution.EvaluationResult;
import org.opencds.cqf.cql.engine.runtime.Date;

/**
 * Every evaluation passes the site protocol of its content version as CQL parameters, beside the dates,
 * with the names and types the rule library declares: a small library declaring them with other defaults
 * sees the site's values, and can do Integer and Decimal arithmetic with them.
 */
class ProtocolParametersReachTheEngineTest {

    private static final String ECHO_CQL = """
            library ProtocolEcho version '1.0.0'
            parameter "Window Start Day" Integer default 1
            parameter "Window End Day" Integer default 1
            parameter "Recent Event Days" Integer default 1
            parameter "hCG Recency Days" Integer default 1
            parameter "hCG Positive Threshold" Decimal default 1.0
            parameter "hCG Negative Threshold" Decimal default 0.5
            parameter "Discharge Check Days" Integer default 1
            parameter "Chlamydia Result Days" Integer default 1
            parameter "Chlamydia Screening Months" Integer default 1
            parameter "Planned Date" Date
            define "Window Length": "Window End Day" - "Window Start Day"
            define "Recent Days": "Recent Event Days"
            define "Same Day hCG": "hCG Recency Days" = 0
            define "Threshold Gap": "hCG Positive Threshold" - "hCG Negative Threshold"
            define "Other Days": { "Discharge Check Days", "Chlamydia Result Days", "Chlamydia Screening Months" }
            define "Planned": "Planned Date"
            """;

    private static RuleEvaluator secondSite;

    @BeforeAll
    static void loadContentWithTheSecondSiteProtocol() {
        secondSite = new RuleEvaluator(ContentLoader.strict(FhirContext.forR4Cached())
                .withProtocolOverride("classpath:protocol/second-site.json")
                .load("file:./"));
    }

    @Test
    void parametersHoldTheDatesAndEveryProtocolValue() {
        Map<String, Object> parameters =
                secondSite.parameters(PlannedDate.on(LocalDate.parse("2026-12-03")), LocalDate.parse("2026-12-01"));

        assertThat(parameters)
                .containsOnlyKeys(
                        "Planned Date",
                        "Today",
                        "Order Dated",
                        "Planned Period End",
                        "Window Start Day",
                        "Window End Day",
                        "Recent Event Days",
                        "hCG Recency Days",
                        "hCG Positive Threshold",
                        "hCG Negative Threshold",
                        "Discharge Check Days",
                        "Chlamydia Result Days",
                        "Chlamydia Screening Months",
                        "Resolved Inflammation Days");
        assertThat(parameters.get("Resolved Inflammation Days")).isEqualTo(42);
        assertThat(parameters.get("Window Start Day")).isEqualTo(5);
        assertThat(parameters.get("Recent Event Days")).isEqualTo(56);
        assertThat(parameters.get("hCG Positive Threshold")).isInstanceOf(BigDecimal.class);
        assertThat(((Date) parameters.get("Planned Date")).getDate()).isEqualTo(LocalDate.parse("2026-12-03"));
    }

    @Test
    void cqlSeesTheSiteValuesNotItsDefaults() {
        Map<String, Object> parameters =
                secondSite.parameters(PlannedDate.on(LocalDate.parse("2026-12-03")), LocalDate.parse("2026-12-01"));

        EvaluationResult result = engine().evaluate(
                        new VersionedIdentifier().withId("ProtocolEcho").withVersion("1.0.0"),
                        Set.of(
                                "Window Length",
                                "Recent Days",
                                "Same Day hCG",
                                "Threshold Gap",
                                "Other Days",
                                "Planned"),
                        null,
                        parameters,
                        null,
                        null);

        assertThat(result.forExpression("Window Length").value()).isEqualTo(5);
        assertThat(result.forExpression("Recent Days").value()).isEqualTo(56);
        assertThat(result.forExpression("Same Day hCG").value()).isEqualTo(true);
        assertThat((BigDecimal) result.forExpression("Threshold Gap").value()).isEqualByComparingTo("20");
        assertThat(result.forExpression("Other Days").value()).asList().containsExactly(14, 90, 12);
        assertThat(((Date) result.forExpression("Planned").value()).getDate()).isEqualTo(LocalDate.parse("2026-12-03"));
    }

    private static CqlEngine engine() {
        LibraryManager libraryManager = new LibraryManager(new ModelManager(), CqlCompilerOptions.defaultOptions());
        libraryManager
                .getLibrarySourceLoader()
                .registerProvider(id -> "ProtocolEcho".equals(id.getId())
                        ? new ByteArrayInputStream(ECHO_CQL.getBytes(StandardCharsets.UTF_8))
                        : null);
        return new CqlEngine(new Environment(libraryManager));
    }
}

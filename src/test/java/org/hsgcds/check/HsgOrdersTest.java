package org.hsgcds.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.testsupport.ShippedContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one answer to "is this an HSG order, and on what date" that the hooks and the command line share. */
class HsgOrdersTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-03");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static HsgOrders orders;

    @BeforeAll
    static void load() {
        CompiledContent content = ShippedContent.get();
        orders = HsgOrders.of(content);
    }

    @Test
    void theDefaultOrderIsCodedFromTheOrderValueSetAndIsAnHsgOrder() {
        HsgOrder planned = orders.planned("p1", LocalDate.parse("2026-12-10"));
        var coding = planned.json().path("code").path("coding").get(0);
        assertThat(coding.path("system").asText()).isEqualTo("http://snomed.info/sct");
        assertThat(orders.isHsg(
                        coding.path("system").asText(), coding.path("code").asText()))
                .isTrue();
        assertThat(planned.planned()).isEqualTo(PlannedDate.on(LocalDate.parse("2026-12-10")));
        assertThat(planned.json().path("subject").path("reference").asText()).isEqualTo("Patient/p1");
        ServiceRequest parsed = FHIR.newJsonParser()
                .parseResource(ServiceRequest.class, planned.json().toString());
        assertThat(orders.isHsg(parsed)).isTrue();
    }

    @Test
    void anOrderIsHsgByAnyCodeInTheValueSetOnly() {
        assertThat(orders.isHsg("http://www.ama-assn.org/go/cpt", "74740")).isTrue();
        assertThat(orders.isHsg("http://snomed.info/sct", "113091000"))
                .as("MRI")
                .isFalse();
        assertThat(orders.isHsg("http://loinc.org", "74740"))
                .as("the code in another system")
                .isFalse();
    }

    @Test
    void thePlannedDateIsTheDayTheMonthOrUndated() {
        assertThat(HsgOrders.plannedDate(order("2026-12-10T09:00:00+01:00"), TODAY, BERLIN))
                .isEqualTo(PlannedDate.on(LocalDate.parse("2026-12-10")));
        assertThat(HsgOrders.plannedDate(order("2026-12"), TODAY, BERLIN))
                .isEqualTo(PlannedDate.within(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"), TODAY));
        assertThat(HsgOrders.plannedDate(new ServiceRequest(), TODAY, BERLIN)).isEqualTo(PlannedDate.undated(TODAY));
        assertThat(HsgOrders.hasOccurrence(new ServiceRequest())).isFalse();
    }

    @Test
    void aTimeWithAnOffsetIsTakenInTheSiteZoneAndADateAsWritten() {
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
        assertThat(HsgOrders.plannedDate(order("2026-12-11T00:30:00Z"), TODAY, losAngeles))
                .as("16:30 in Los Angeles, sent in UTC")
                .isEqualTo(PlannedDate.on(LocalDate.parse("2026-12-10")));
        assertThat(HsgOrders.plannedDate(order("2026-12-10T18:00:00Z"), TODAY, ZoneId.of("Asia/Shanghai")))
                .isEqualTo(PlannedDate.on(LocalDate.parse("2026-12-11")));
        assertThat(HsgOrders.plannedDate(order("2026-12-11"), TODAY, losAngeles))
                .isEqualTo(PlannedDate.on(LocalDate.parse("2026-12-11")));
        assertThat(HsgOrders.plannedDate(order("2026-12-11T00:30:00"), TODAY, losAngeles))
                .as("a time without an offset is taken as written")
                .isEqualTo(PlannedDate.on(LocalDate.parse("2026-12-11")));
    }

    @Test
    void aHyCoSyCodeThatHsgDoesNotShareMakesTheOrderNotHsg() {
        assertThat(orders.isHsg(coded("76831", "58340"))).isFalse();
        assertThat(orders.isHsg(coded("58340"))).as("58340 alone stays HSG").isTrue();
        assertThat(orders.isHsg(coded("74740"))).isTrue();
    }

    @Test
    void aDateOutsideTheRulesRangeIsRefused() {
        assertThatThrownBy(() -> HsgOrders.plannedDate(order("9999-01-01"), TODAY, BERLIN))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("out of range");
    }

    private static ServiceRequest coded(String... cptCodes) {
        ServiceRequest order = new ServiceRequest();
        for (String code : cptCodes) {
            order.getCode()
                    .addCoding()
                    .setSystem("http://www.ama-assn.org/go/cpt")
                    .setCode(code);
        }
        return order;
    }

    private static ServiceRequest order(String occurrence) {
        String json = "{\"resourceType\":\"ServiceRequest\",\"id\":\"o1\",\"status\":\"draft\",\"intent\":\"order\","
                + "\"subject\":{\"reference\":\"Patient/p1\"},\"occurrenceDateTime\":\"" + occurrence + "\"}";
        return FHIR.newJsonParser().parseResource(ServiceRequest.class, json);
    }
}

package org.hsgcds.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.testsupport.ShippedContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The date arithmetic of the rules on pinned calendar dates: cycle days and windows across month
 * and year ends and leap days, and the 42-day limit across February.
 */
class CycleWindowArithmeticTest {

    private static RuleEvaluator evaluator;

    @BeforeAll
    static void load() {
        evaluator = new RuleEvaluator(ShippedContent.get());
    }

    @ParameterizedTest(name = "LMP {0}, planned {1}: cycle day {2}, window {3}..{4}, next good day {5}")
    @CsvSource({
        // year end
        "2027-12-28, 2028-01-05,  9, 2028-01-02, 2028-01-08, 2028-01-30",
        // leap day inside the window
        "2028-02-25, 2028-03-10, 15, 2028-03-01, 2028-03-07, 2028-03-29",
        // the same dates a non-leap year later: one day shorter February
        "2027-02-25, 2027-03-10, 14, 2027-03-02, 2027-03-08, 2027-03-30",
        // LMP on the leap day itself
        "2028-02-29, 2028-03-02,  3, 2028-03-05, 2028-03-11, 2028-03-05",
        // month end, 31-day month
        "2026-10-30, 2026-11-20, 22, 2026-11-04, 2026-11-10, 2026-12-02",
        // next window across the year end
        "2026-12-10, 2026-12-25, 16, 2026-12-15, 2026-12-21, 2027-01-12",
    })
    void cycleDayWindowAndSuggestionFollowTheCalendar(
            LocalDate lmp,
            LocalDate planned,
            int cycleDay,
            LocalDate windowStart,
            LocalDate windowEnd,
            LocalDate suggested) {
        RuleResults results = evaluator.evaluate(record(lmpObservation(lmp)), planned, planned.minusDays(1));
        assertThat(results.value("Planned Cycle Day")).isEqualTo(cycleDay);
        assertThat(date(results, "Window Start")).isEqualTo(windowStart);
        assertThat(date(results, "Window End")).isEqualTo(windowEnd);
        assertThat(date(results, "Suggested Date")).isEqualTo(suggested);
        assertThat(results.isTrue("Planned Date In Window")).isEqualTo(cycleDay >= 6 && cycleDay <= 12);
    }

    @ParameterizedTest(name = "cycle length {0}: next good day {1}")
    @CsvSource({"32, 2028-02-03", "21, 2028-01-23", "70, 2028-01-30"})
    void recordedCycleLengthIsUsedWhenPlausible(int length, LocalDate suggested) {
        // LMP 2027-12-28, planned 2028-01-15 (cycle day 19). A 70-day "cycle" is implausible: 28 days are assumed.
        Observation cycleLength = new Observation();
        cycleLength.setId("cl");
        cycleLength.setStatus(Observation.ObservationStatus.FINAL);
        cycleLength.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "161716008", null)));
        cycleLength.setEffective(new DateTimeType("2027-12-01"));
        cycleLength.setValue(new Quantity().setValue(BigDecimal.valueOf(length)).setUnit("d"));
        RuleResults results = evaluator.evaluate(
                record(lmpObservation(LocalDate.parse("2027-12-28")), cycleLength),
                LocalDate.parse("2028-01-15"),
                LocalDate.parse("2028-01-10"));
        assertThat(date(results, "Suggested Date")).isEqualTo(suggested);
    }

    @ParameterizedTest(name = "delivery {0}, planned {1}: within 42 days = {2}")
    @CsvSource({
        "2028-01-20, 2028-03-01, true", // 41 days across a leap February
        "2028-01-19, 2028-03-01, false", // 42 days
        "2027-01-19, 2027-03-01, true", // 41 days in a common year
        "2027-01-18, 2027-03-01, false", // 42 days
        "2026-11-20, 2026-12-31, true", // 41 days to the year end
        "2026-11-19, 2026-12-31, false", // 42 days
    })
    void fortyTwoDayLimitCountsCalendarDays(LocalDate delivery, LocalDate planned, boolean blocks) {
        Procedure procedure = new Procedure();
        procedure.setId("delivery");
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "236973005", "Delivery procedure")));
        procedure.setSubject(new Reference("Patient/p1"));
        procedure.setPerformed(new DateTimeType(delivery.toString()));
        RuleResults results = evaluator.evaluate(record(procedure), planned, planned);
        assertThat(results.resources("Recent Uterine Procedures")).hasSize(blocks ? 1 : 0);
    }

    private static Observation lmpObservation(LocalDate lmp) {
        Observation observation = new Observation();
        observation.setId("lmp");
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(
                new CodeableConcept(new Coding("http://loinc.org", "8665-2", "Last menstrual period start date")));
        observation.setSubject(new Reference("Patient/p1"));
        observation.setValue(new DateTimeType(lmp.toString()));
        return observation;
    }

    private static PatientRecord record(Resource... resources) {
        return PatientRecord.of("p1", new ArrayList<>(List.of(resources)));
    }

    private static LocalDate date(RuleResults results, String expression) {
        return (LocalDate) results.value(expression);
    }
}

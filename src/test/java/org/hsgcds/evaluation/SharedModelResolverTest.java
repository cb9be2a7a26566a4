package org.hsgcds.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;
import org.opencds.cqf.cql.engine.runtime.DateTime;

class SharedModelResolverTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final R4FhirModelResolver engines =
            new R4FhirModelResolver(FHIR) {}; // its FhirContext constructor is protected
    private final SharedModelResolver shared = new SharedModelResolver(FHIR);
    /** Those FHIR dateTime allows (not minute). */
    private static final List<TemporalPrecisionEnum> DATE_TIME_PRECISIONS = List.of(
            TemporalPrecisionEnum.YEAR,
            TemporalPrecisionEnum.MONTH,
            TemporalPrecisionEnum.DAY,
            TemporalPrecisionEnum.SECOND,
            TemporalPrecisionEnum.MILLI);

    @ParameterizedTest
    @CsvSource({
        "Patient, Condition, subject",
        "Patient, AllergyIntolerance, patient",
        "Patient, Observation, subject",
        "Patient, Procedure, subject",
        "Patient, Patient, id",
        "Unfiltered, Condition, ",
        "Patient, Organization, "
    })
    void remembersTheEnginesAnswerIncludingNone(String context, String target, String expected) {
        Object first = shared.getContextPath(context, target);
        Object again = shared.getContextPath(context, target);

        assertThat(first).isEqualTo(engines.getContextPath(context, target)).isEqualTo(expected);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void makesTheEnginesDateTimeForEveryPrecisionAndEveryWholeMinuteOffset() {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (int minutes = -12 * 60; minutes <= 14 * 60; minutes++) {
            TimeZone zone = TimeZone.getTimeZone(ZoneOffset.ofTotalSeconds(minutes * 60));
            for (LocalDateTime local : List.of(
                    LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_000_000),
                    LocalDateTime.of(1987, 7, 5, 6, 7, 8, 9_000_000),
                    LocalDateTime.of(1, 1, 1, 0, 0, 0),
                    LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000))) {
                Date instant = Date.from(
                        local.atOffset(ZoneOffset.ofTotalSeconds(minutes * 60)).toInstant());
                for (TemporalPrecisionEnum precision : DATE_TIME_PRECISIONS) {
                    compare(new DateTimeType(instant, precision, zone), differences);
                    compared++;
                }
                compare(new InstantType(instant, TemporalPrecisionEnum.MILLI, zone), differences);
                compared++;
            }
        }

        assertThat(compared).isGreaterThan(35_000);
        assertThat(differences).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2024",
        "2024-03",
        "2024-03-05",
        "2024-03-05T10:20:30",
        "2024-03-05T10:20:30.123",
        "2024-03-05T10:20:30Z",
        "2024-03-05T10:20:30.1-03:30",
        "1899-12-31T23:59:59+14:00"
    })
    void makesTheEnginesDateTimeFromFhirTextWithOrWithoutAnOffset(String text) {
        List<String> differences = new ArrayList<>();

        compare(new DateTimeType(text), differences);

        assertThat(differences).isEmpty();
    }

    @Test
    void readsAnObservationsDateTimeAsTheEngineDoes() {
        var observation = new Observation().setEffective(new DateTimeType("2026-03-14T08:30:00+05:45"));

        var expected = (DateTime) engines.resolvePath(engines.resolvePath(observation, "effective"), "value");
        var actual = (DateTime) shared.resolvePath(shared.resolvePath(observation, "effective"), "value");

        assertThat(actual.getDateTime()).isEqualTo(expected.getDateTime()).hasToString("2026-03-14T08:30+05:45");
        assertThat(actual.getPrecision()).isEqualTo(expected.getPrecision());
    }

    private void compare(BaseDateTimeType value, List<String> differences) {
        var expected = (DateTime) engines.toJavaPrimitive(value, value);
        var actual = (DateTime) shared.toJavaPrimitive(value, value);
        if (!actual.getDateTime().equals(expected.getDateTime())
                || actual.getPrecision() != expected.getPrecision()
                || !actual.getZoneOffset().equals(expected.getZoneOffset())) {
            differences.add(value.getValueAsString() + ": engine " + expected + " " + expected.getPrecision()
                    + ", here " + actual + " " + actual.getPrecision());
        }
    }
}

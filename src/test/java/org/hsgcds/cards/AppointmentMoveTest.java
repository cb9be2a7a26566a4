package org.hsgcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Moving an appointment to another day keeps its time of day, offset and duration, and stays valid R4. */
class AppointmentMoveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.of(2027, 1, 4);

    @Test
    void startAndEndMoveByTheSameDaysInTheirOwnOffsets() throws Exception {
        ObjectNode moved = AppointmentMove.to(
                        json("{\"start\": \"2026-12-31T23:30:00-05:00\", \"end\": \"2027-01-01T00:15:00-05:00\","
                                + " \"minutesDuration\": 45}"),
                        DAY,
                        null)
                .orElseThrow();
        assertThat(moved.path("start").asText()).isEqualTo("2027-01-04T23:30:00-05:00");
        assertThat(moved.path("end").asText()).isEqualTo("2027-01-05T00:15:00-05:00");
        assertThat(moved.path("minutesDuration").asInt()).isEqualTo(45);
    }

    @Test
    void aMissingEndIsMadeFromTheDurationAndWithNeitherNoMoveIsOffered() throws Exception {
        ObjectNode moved = AppointmentMove.to(
                        json("{\"start\": \"2026-12-10T09:00:00Z\", \"minutesDuration\": 30}"), DAY, null)
                .orElseThrow();
        assertThat(moved.path("end").asText()).isEqualTo("2027-01-04T09:30:00Z");
        assertThat(AppointmentMove.to(json("{\"start\": \"2026-12-10T09:00:00Z\"}"), DAY, null))
                .isEmpty();
    }

    @Test
    void onlyRequestedPeriodsContainingTheNewDayStay() throws Exception {
        ObjectNode moved = AppointmentMove.to(
                        json(
                                "{\"start\": \"2026-12-10T09:00:00+01:00\", \"end\": \"2026-12-10T09:30:00+01:00\","
                                        + " \"requestedPeriod\": [{\"start\": \"2026-12-07\", \"end\": \"2026-12-11\"}, {\"start\": \"2027-01\"}]}"),
                        DAY,
                        null)
                .orElseThrow();
        assertThat(moved.path("requestedPeriod")).hasSize(1);
        assertThat(moved.path("requestedPeriod").path(0).path("start").asText()).isEqualTo("2027-01");
        ObjectNode none = AppointmentMove.to(
                        json("{\"start\": \"2026-12-10T09:00:00Z\", \"end\": \"2026-12-10T09:30:00Z\","
                                + " \"requestedPeriod\": [{\"start\": \"2026-12-07\", \"end\": \"2026-12-11\"}]}"),
                        DAY,
                        null)
                .orElseThrow();
        assertThat(none.has("requestedPeriod")).isFalse();
    }

    @Test
    void withoutAStartTheRequestedPeriodBecomesTheNewWindow() throws Exception {
        ObjectNode moved = AppointmentMove.to(
                        json("{\"requestedPeriod\": [{\"start\": \"2026-12-10\"}]}"), DAY, DAY.plusDays(6))
                .orElseThrow();
        assertThat(moved.has("start")).isFalse();
        assertThat(moved.path("requestedPeriod").toString())
                .isEqualTo("[{\"start\":\"2027-01-04\",\"end\":\"2027-01-10\"}]");
    }

    private static JsonNode json(String fields) throws Exception {
        return JSON.readTree("{\"resourceType\": \"Appointment\", \"id\": \"a\", \"status\": \"proposed\", "
                + fields.substring(1, fields.length() - 1) + ", \"participant\": [{\"status\": \"accepted\"}]}");
    }
}

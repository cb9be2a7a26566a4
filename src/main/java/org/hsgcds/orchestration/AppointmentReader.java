package org.hsgcds.orchestration;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hsgcds.check.HsgOrders;
import org.hsgcds.check.SiteDates;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.prefetch.FhirJsonReader;

/**
 * Finds the Appointments of an appointment-book context that may be HSG appointments: a {@code serviceType},
 * {@code appointmentType} or {@code reasonCode} code in the HSG value set (or a contained ServiceRequest it is
 * based on with such a code), or a {@code basedOn} ServiceRequest to look up. Takes each one's planned date:
 * the local date of {@code start} in the offset it was written with; with no start, the start of the earliest
 * {@code requestedPeriod} beginning on or after today; with neither, undated (advice for today).
 */
final class AppointmentReader {

    static final int MAX_HSG_APPOINTMENTS = DraftOrderReader.MAX_HSG_ORDERS;

    private final FhirContext fhirContext;
    private final HsgOrders hsg;
    private final Clock clock;

    AppointmentReader(FhirContext fhirContext, HsgOrders hsg, Clock clock) {
        this.fhirContext = fhirContext;
        this.clock = clock;
        this.hsg = hsg;
    }

    /** The appointments that are, or may be (basedOn to look up), HSG appointments; others are left out. */
    List<BookedAppointment> candidates(JsonNode appointments) {
        if (!mayHoldHsgAppointment(appointments)) {
            return List.of();
        }
        Bundle bundle = parse(appointments);
        List<BookedAppointment> found = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            if (!(bundle.getEntry().get(i).getResource() instanceof Appointment appointment)) {
                continue;
            }
            boolean byCode = hasHsgCode(appointment) || basedOnContainedHsgOrder(appointment);
            List<String> orderIds = byCode ? List.of() : basedOnOrderIds(appointment);
            if (!byCode && orderIds.isEmpty()) {
                continue;
            }
            if (!appointment.getIdElement().hasIdPart()) {
                throw HookCallException.invalid("An appointment that may be an HSG appointment has no id");
            }
            if (found.size() == MAX_HSG_APPOINTMENTS) {
                throw HookCallException.invalid("More than " + MAX_HSG_APPOINTMENTS + " HSG appointments in one call");
            }
            found.add(new BookedAppointment(
                    "Appointment/" + appointment.getIdElement().getIdPart(),
                    appointments.path("entry").path(i).path("resource"),
                    plannedDate(appointment),
                    byCode,
                    orderIds));
        }
        return found;
    }

    /** Whether a ServiceRequest among {@code orders} that the appointment is based on has an HSG code. */
    boolean basedOnHsgOrder(BookedAppointment appointment, Collection<? extends Resource> orders) {
        for (Resource resource : orders) {
            if (resource instanceof ServiceRequest order
                    && appointment
                            .basedOnOrderIds()
                            .contains(order.getIdElement().getIdPart())
                    && inValueSet(order.getCode())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fast path on the JSON: an Appointment with an HSG code, or with any {@code basedOn}, needs the full
     * parse; a context without one is answered with no cards before its prefetch is read.
     */
    boolean mayHoldHsgAppointment(JsonNode appointments) {
        for (JsonNode entry : appointments.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (!"Appointment".equals(resource.path("resourceType").asText())) {
                continue;
            }
            if (resource.has("basedOn") || hasCode(resource.path("appointmentType"))) {
                return true;
            }
            for (String field : List.of("serviceType", "reasonCode")) {
                for (JsonNode concept : resource.path(field)) {
                    if (hasCode(concept)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean hasCode(JsonNode concept) {
        for (JsonNode coding : concept.path("coding")) {
            if (hsg.isHsg(
                    coding.path("system").asText(null), coding.path("code").asText(null))) {
                return true;
            }
        }
        return false;
    }

    private Bundle parse(JsonNode appointments) {
        try {
            return FhirJsonReader.parser(fhirContext).parseResource(Bundle.class, appointments.toString());
        } catch (RuntimeException e) {
            // HAPI fails on some malformed input with NullPointerException or IllegalArgumentException too.
            throw HookCallException.invalid("'context.appointments' is not a valid FHIR R4 Bundle");
        }
    }

    private boolean hasHsgCode(Appointment appointment) {
        List<CodeableConcept> concepts = new ArrayList<>(appointment.getServiceType());
        concepts.add(appointment.getAppointmentType());
        concepts.addAll(appointment.getReasonCode());
        return concepts.stream().anyMatch(this::inValueSet);
    }

    private boolean inValueSet(CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            if (hsg.isHsg(coding.getSystem(), coding.getCode())) {
                return true;
            }
        }
        return false;
    }

    private boolean basedOnContainedHsgOrder(Appointment appointment) {
        for (Reference reference : appointment.getBasedOn()) {
            String ref = reference.getReference();
            if (ref != null && ref.startsWith("#")) {
                for (Resource contained : appointment.getContained()) {
                    if (contained instanceof ServiceRequest order
                            && ref.substring(1).equals(order.getIdElement().getIdPart())
                            && inValueSet(order.getCode())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Ids of the ServiceRequests named by {@code basedOn} (relative, absolute or versioned references). */
    private static List<String> basedOnOrderIds(Appointment appointment) {
        List<String> ids = new ArrayList<>();
        for (Reference reference : appointment.getBasedOn()) {
            String ref = reference.getReference();
            if (ref == null || ref.startsWith("#")) {
                continue;
            }
            IdType id = new IdType(ref);
            if ("ServiceRequest".equals(id.getResourceType()) && id.hasIdPart()) {
                ids.add(id.getIdPart());
            }
        }
        return ids;
    }

    private PlannedDate plannedDate(Appointment appointment) {
        LocalDate today = LocalDate.now(clock.withZone(hsg.zone()));
        try {
            if (appointment.hasStartElement() && appointment.getStartElement().hasValue()) {
                // The calendar date in the department's time zone (00:30Z is the previous afternoon in Los Angeles).
                return PlannedDate.on(inRange(SiteDates.localDate(appointment.getStartElement(), hsg.zone())));
            }
            Optional<LocalDate> requested = appointment.getRequestedPeriod().stream()
                    .filter(p -> p.hasStartElement() && p.getStartElement().hasValue())
                    .map(Period::getStartElement)
                    .map(start -> start.getValueAsString().length() >= 10
                            ? SiteDates.localDate(start, hsg.zone())
                            : firstDay(start.getValueAsString()))
                    .filter(day -> !day.isBefore(today))
                    .min(Comparator.naturalOrder());
            return requested.map(day -> PlannedDate.on(inRange(day))).orElseGet(() -> PlannedDate.undated(today));
        } catch (DateTimeParseException | IndexOutOfBoundsException e) {
            throw HookCallException.invalid("An HSG appointment's start or requested period is not a FHIR date");
        }
    }

    private static LocalDate firstDay(String dateTime) {
        return dateTime.length() >= 10
                ? LocalDate.parse(dateTime.substring(0, 10))
                : dateTime.length() == 7 ? LocalDate.parse(dateTime + "-01") : LocalDate.parse(dateTime + "-01-01");
    }

    private static LocalDate inRange(LocalDate date) {
        if (date.getYear() < 1 || date.getYear() > 9998) {
            throw HookCallException.invalid("An HSG appointment's date is out of range");
        }
        return date;
    }
}

package org.hsgcds.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Shapes a hook request for appointment-book, as a scheduling system sends it: {@code context.appointments}, a
 * Bundle of proposed Appointments. Draft orders (from a patient Bundle or an order hook request) each become one
 * Appointment for the same procedure, at 09:00 UTC for 45 minutes on the planned date, or with no start when no date
 * is known. Appointments already in the request are kept; a planned date moves their start and end to that day,
 * keeping time of day, offset and duration.
 */
final class AppointmentRequests {

    public static final String APPOINTMENT_ID_PREFIX = "workbench-hsg-appointment-";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AppointmentRequests() {}

    static void prepare(ObjectNode context, List<ObjectNode> draftOrders, String plannedDate) {
        context.remove("selections");
        if (context.get("appointments") instanceof ObjectNode appointments) {
            context.remove("draftOrders");
            if (plannedDate != null) {
                appointments(appointments).forEach(appointment -> moveTo(appointment, LocalDate.parse(plannedDate)));
            }
            return;
        }
        if (draftOrders.isEmpty()) {
            throw new HookRequests.UnusableSourceException(
                    "The request has neither context.appointments nor draft orders to book");
        }
        String patientId = context.path("patientId").asText("");
        ObjectNode bundle = NODES.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        int number = 1;
        for (ObjectNode order : draftOrders) {
            String date = plannedDate != null
                    ? plannedDate
                    : dayOf(order.path("occurrenceDateTime").asText(""));
            entries.addObject()
                    .set("resource", appointmentFor(order, patientId, date, APPOINTMENT_ID_PREFIX + number++));
        }
        context.remove("draftOrders");
        context.set("appointments", bundle);
    }

    private static ObjectNode appointmentFor(ObjectNode order, String patientId, String date, String id) {
        ObjectNode appointment = NODES.objectNode();
        appointment.put("resourceType", "Appointment");
        appointment.put("id", id);
        appointment.put("status", "proposed");
        if (order.has("code")) {
            appointment.putArray("serviceType").add(order.get("code").deepCopy());
        }
        if (order.hasNonNull("id")) {
            appointment
                    .putArray("basedOn")
                    .addObject()
                    .put("reference", "ServiceRequest/" + order.get("id").asText());
        }
        appointment.put(
                "description",
                order.path("code")
                        .path("text")
                        .asText(order.path("code")
                                .path("coding")
                                .path(0)
                                .path("display")
                                .asText("Hysterosalpingography")));
        if (date != null) {
            appointment.put("start", date + "T09:00:00Z");
            appointment.put("end", date + "T09:45:00Z");
            appointment.put("minutesDuration", 45);
        }
        ObjectNode participant = appointment.putArray("participant").addObject();
        participant.putObject("actor").put("reference", "Patient/" + patientId);
        participant.put("required", "required");
        participant.put("status", "accepted");
        return appointment;
    }

    private static void moveTo(ObjectNode appointment, LocalDate day) {
        OffsetDateTime start = instant(appointment, "start");
        if (start != null && start.toLocalDate().equals(day)) {
            return;
        }
        if (start == null) {
            appointment.put("start", day + "T09:00:00Z");
            appointment.put("end", day + "T09:45:00Z");
            appointment.put("minutesDuration", 45);
        } else {
            OffsetDateTime end = instant(appointment, "end");
            OffsetDateTime movedStart = start.with(day);
            appointment.put("start", movedStart.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            if (end != null) {
                appointment.put(
                        "end",
                        movedStart.plus(Duration.between(start, end)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            }
        }
        dropRequestedPeriodsWithout(appointment, day);
    }

    /** A requested period that no longer holds the appointment's day would contradict it; one that does is kept. */
    private static void dropRequestedPeriodsWithout(ObjectNode appointment, LocalDate day) {
        if (!(appointment.get("requestedPeriod") instanceof ArrayNode periods)) {
            return;
        }
        ArrayNode kept = NODES.arrayNode();
        for (JsonNode period : periods) {
            String from = dayOf(period.path("start").asText(""));
            String to = dayOf(period.path("end").asText(""));
            boolean holds = (from == null || !day.isBefore(LocalDate.parse(from)))
                    && (to == null || !day.isAfter(LocalDate.parse(to)));
            if (holds) {
                kept.add(period);
            }
        }
        if (kept.isEmpty()) {
            appointment.remove("requestedPeriod");
        } else {
            appointment.set("requestedPeriod", kept);
        }
    }

    private static OffsetDateTime instant(ObjectNode appointment, String field) {
        if (!appointment.hasNonNull(field)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(appointment.get(field).asText());
        } catch (DateTimeParseException e) {
            throw new HookRequests.UnusableSourceException("Appointment." + field + " is not a FHIR instant: "
                    + appointment.get(field).asText());
        }
    }

    private static String dayOf(String dateTime) {
        return dateTime.length() >= 10 && dateTime.charAt(4) == '-' && dateTime.charAt(7) == '-'
                ? dateTime.substring(0, 10)
                : null;
    }

    private static List<ObjectNode> appointments(ObjectNode bundle) {
        List<ObjectNode> found = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("resource") instanceof ObjectNode resource
                    && "Appointment".equals(resource.path("resourceType").asText())) {
                found.add(resource);
            }
        }
        return found;
    }
}

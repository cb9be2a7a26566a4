package org.hsgcds.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ValueSetIndex;
import org.hsgcds.evaluation.PlannedDate;

/**
 * What makes an order an HSG order, and on what date it is planned: the one answer the hooks and the command line
 * share. An order is HSG when a code of it is in the order value set of {@code cds-services.json} and no code of it
 * is a HyCoSy or sonohysterography code that HSG does not share (CPT 58340 is shared: an order with 58340 alone stays
 * HSG). Its planned date is {@code occurrenceDateTime}, else {@code occurrencePeriod}: a day, or a span of days
 * (a period of several days, a month, a year). A time with an offset is taken in the department's time zone.
 */
public final class HsgOrders {

    private static final String SNOMED = "http://snomed.info/sct";
    /** SNOMED CT Hysterosalpingography, the code of the draft order {@link #draftOrder} builds. */
    public static final String HSG_SNOMED = "168884001";
    /** HyCoSy and sonohysterography: an order carrying one of these codes is not an HSG order. */
    public static final String HYCOSY_VALUE_SET = "http://hsg-cds.org/fhir/ValueSet/hycosy";

    private final ValueSetIndex valueSets;
    private final String orderValueSet;
    private final ZoneId zone;

    public HsgOrders(ValueSetIndex valueSets, String orderValueSet, ZoneId zone) {
        this.valueSets = valueSets;
        this.orderValueSet = orderValueSet;
        this.zone = zone;
    }

    public static HsgOrders of(CompiledContent content) {
        return new HsgOrders(
                content.valueSets(),
                content.services().orderValueSet(),
                content.protocol().timeZone());
    }

    /** The department's time zone: "today" and every time with an offset are taken there. */
    public ZoneId zone() {
        return zone;
    }

    public boolean isHsg(String system, String code) {
        return valueSets.contains(orderValueSet, system, code);
    }

    /** A HyCoSy or sonohysterography code that HSG does not share. */
    public boolean isOtherProcedure(String system, String code) {
        return valueSets.isKnown(HYCOSY_VALUE_SET)
                && valueSets.contains(HYCOSY_VALUE_SET, system, code)
                && !isHsg(system, code);
    }

    public boolean isHsg(ServiceRequest order) {
        boolean hsg = false;
        for (Coding coding : order.getCode().getCoding()) {
            if (isOtherProcedure(coding.getSystem(), coding.getCode())) {
                return false;
            }
            hsg |= isHsg(coding.getSystem(), coding.getCode());
        }
        return hsg;
    }

    /** Whether the order gives a date at all ({@code occurrenceDateTime} or {@code occurrencePeriod.start}). */
    public static boolean hasOccurrence(ServiceRequest order) {
        BaseDateTimeType when = occurrence(order);
        return when != null && when.hasValue();
    }

    /**
     * The order's planned date: a day; a month or a year (undated within it, from its first day not before today);
     * or, with no occurrence, undated from today.
     *
     * @throws InvalidOrderException when the occurrence is not a FHIR date, or out of the range the rules handle
     */
    public static PlannedDate plannedDate(ServiceRequest order, LocalDate today, ZoneId zone) {
        BaseDateTimeType when = occurrence(order);
        if (when == null || !when.hasValue()) {
            return PlannedDate.undated(today);
        }
        String text = when.getValueAsString();
        try {
            if (text.length() >= 10) {
                LocalDate first = inRange(SiteDates.localDate(when, zone));
                LocalDate last = periodEnd(order, zone);
                // A period of several days is undated within it; a period of one day is that day.
                return last != null && last.isAfter(first)
                        ? PlannedDate.within(first, inRange(last), today)
                        : PlannedDate.on(first);
            }
            if (text.length() == 7) {
                // A month is a valid FHIR date: the order is undated within that month.
                YearMonth month = YearMonth.parse(text);
                return PlannedDate.within(inRange(month.atDay(1)), month.atEndOfMonth(), today);
            }
            if (text.length() == 4) {
                Year year = Year.parse(text);
                return PlannedDate.within(
                        inRange(year.atDay(1)), year.atMonth(12).atEndOfMonth(), today);
            }
        } catch (DateTimeParseException e) {
            // falls through to the error below
        }
        throw new InvalidOrderException("The HSG order's occurrence is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)");
    }

    /**
     * A draft HSG order for the patient on the given day, when the caller has none (the command line): coded with
     * the order value set's SNOMED CT concept (the lowest, should there be several), else its lowest code.
     */
    public HsgOrder planned(String patientId, LocalDate day) {
        String[] systemAndCode = valueSets.members(orderValueSet).systemAndCodes().stream()
                .sorted(Comparator.comparing((String c) -> !c.startsWith(SNOMED + "|"))
                        .thenComparing(Comparator.naturalOrder()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The order value set " + orderValueSet + " is empty"))
                .split("\\|", 2);
        ObjectNode order = JsonNodeFactory.instance.objectNode();
        order.put("resourceType", "ServiceRequest")
                .put("id", "hsg-planned")
                .put("status", "draft")
                .put("intent", "order");
        order.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", systemAndCode[0])
                .put("code", systemAndCode[1]);
        order.putObject("subject").put("reference", "Patient/" + patientId);
        order.put("occurrenceDateTime", day.toString());
        return new HsgOrder("ServiceRequest/hsg-planned", order, PlannedDate.on(day));
    }

    /** An order as read from its JSON: its reference and planned date. */
    public static HsgOrder order(ServiceRequest order, JsonNode json, PlannedDate planned) {
        return new HsgOrder("ServiceRequest/" + order.getIdElement().getIdPart(), json, planned);
    }

    /** The last day of an {@code occurrencePeriod} with an end given to the day, else null. */
    private static LocalDate periodEnd(ServiceRequest order, ZoneId zone) {
        if (!order.hasOccurrencePeriod() || !order.getOccurrencePeriod().hasEnd()) {
            return null;
        }
        BaseDateTimeType end = order.getOccurrencePeriod().getEndElement();
        return end.hasValue() && end.getValueAsString().length() >= 10 ? SiteDates.localDate(end, zone) : null;
    }

    private static BaseDateTimeType occurrence(ServiceRequest order) {
        if (order.hasOccurrenceDateTimeType()) {
            return order.getOccurrenceDateTimeType();
        }
        if (order.hasOccurrencePeriod() && order.getOccurrencePeriod().hasStart()) {
            return order.getOccurrencePeriod().getStartElement();
        }
        return null;
    }

    private static LocalDate inRange(LocalDate date) {
        if (date.getYear() < 1 || date.getYear() > 9998) {
            // CQL dates cover years 1 to 9999 only (and a month's advice may run past its end).
            throw new InvalidOrderException("The HSG order's occurrence date is out of range");
        }
        return date;
    }

    /**
     * A draft HSG order as an EHR sends it in {@code context.draftOrders}: a ServiceRequest, status draft, intent
     * order, coded SNOMED CT {@value #HSG_SNOMED} (Hysterosalpingography), for the patient, with no date.
     */
    public static ObjectNode draftOrder(String id, String patientId) {
        ObjectNode order = JsonNodeFactory.instance.objectNode();
        order.put("resourceType", "ServiceRequest");
        order.put("id", id);
        order.put("status", "draft");
        order.put("intent", "order");
        ObjectNode coding = order.putObject("code").putArray("coding").addObject();
        coding.put("system", SNOMED);
        coding.put("code", HSG_SNOMED);
        coding.put("display", "Hysterosalpingography");
        order.putObject("subject").put("reference", "Patient/" + patientId);
        return order;
    }
}

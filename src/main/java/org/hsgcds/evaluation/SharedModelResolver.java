package org.hsgcds.evaluation;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.AnnotatedUuidType;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;
import org.opencds.cqf.cql.engine.runtime.DateTime;
import org.opencds.cqf.cql.engine.runtime.Precision;
import org.opencds.cqf.cql.engine.runtime.TemporalHelper;

/**
 * The engine's R4 model resolver, shared by every evaluation (it holds only the thread-safe FHIR
 * context), built over the shared context since its no-argument constructor makes a new FHIR context, which is slow.
 * Two answers are made more cheaply than the engine makes them, with the same results:
 * <ul>
 * <li>The path from a retrieved type to the patient ("subject", "patient") is remembered: the engine
 * asks for it on every retrieve, and each answer made a new Patient by reflection and walked the
 * type's element tree. It depends on the two type names only, which come from the compiled rules.</li>
 * <li>FHIR dateTime and instant values become CQL DateTimes without the engine's detour through a
 * formatted string parsed back ({@code OffsetDateTime.parse} on every date read, visible in profiles: see
 * bench/README.md). {@code SharedModelResolverTest} compares both over every precision and offset.</li>
 * <li>A dateTime or instant with a time and an offset ({@code Z} included) is converted to the department's time
 * zone ({@link #inSiteZone}) before the rules see it, so that its date is the local date there (RULES.md v3,
 * "Dates in the department's time"). Values without an offset are taken as written.</li>
 * </ul>
 */
final class SharedModelResolver extends R4FhirModelResolver {

    private final Map<String, Optional<Object>> contextPaths = new ConcurrentHashMap<>();
    private final Map<ZoneOffset, ZoneOffset> engineOffsets = new ConcurrentHashMap<>();
    /** The site's zone for the evaluation running on this thread (the resolver is shared by every evaluation). */
    private static final ThreadLocal<ZoneId> SITE_ZONE = new ThreadLocal<>();

    /** Runs one evaluation with dateTimes read in the given zone. */
    static <T> T inSiteZone(ZoneId zone, java.util.function.Supplier<T> evaluation) {
        ZoneId previous = SITE_ZONE.get();
        SITE_ZONE.set(zone);
        try {
            return evaluation.get();
        } finally {
            if (previous == null) {
                SITE_ZONE.remove();
            } else {
                SITE_ZONE.set(previous);
            }
        }
    }

    SharedModelResolver(FhirContext fhirContext) {
        super(fhirContext);
    }

    /**
     * The engine's R4 resolver scans every R4 resource type here, ahead of use (about 150 types, with their
     * component classes: most of a second of CPU on the start-up path). HAPI scans a resource type the first time
     * it is asked for it, and every data type comes with the first resource scanned (Extension's value may be any
     * of them), so only the engine's custom type is registered here, before the context is first used.
     */
    @Override
    protected void initialize() {
        fhirContext.registerCustomType(AnnotatedUuidType.class);
        fhirContext.getResourceDefinition("Patient");
    }

    @Override
    public Object getContextPath(String contextType, String targetType) {
        if (contextType == null || targetType == null) {
            return null;
        }
        return contextPaths
                .computeIfAbsent(
                        contextType + "/" + targetType,
                        key -> Optional.ofNullable(super.getContextPath(contextType, targetType)))
                .orElse(null);
    }

    @Override
    protected DateTime toDateTime(BaseDateTimeType value, Integer calendarConstant) {
        int elements = elementCount(calendarConstant);
        Calendar calendar = getCalendar(value);
        ZoneId site = SITE_ZONE.get();
        if (site != null
                && elements > 3
                && value.getTimeZone() != null
                && calendar instanceof GregorianCalendar local) {
            ZonedDateTime there = local.toZonedDateTime().withZoneSameInstant(site);
            GregorianCalendar converted = GregorianCalendar.from(there);
            converted.setTimeZone(TimeZone.getTimeZone(there.getOffset()));
            calendar = converted;
        }
        int year = calendar.get(Calendar.YEAR);
        if (elements == 0 || calendar.get(Calendar.ERA) != GregorianCalendar.AD || year > 9999) {
            return super.toDateTime(value, calendarConstant); // the engine's own error for these
        }
        ZoneOffset offset = engineOffsets.computeIfAbsent(
                ((GregorianCalendar) calendar).toZonedDateTime().getOffset(), SharedModelResolver::asTheEngineRoundsIt);
        OffsetDateTime dateTime = OffsetDateTime.of(
                year,
                elements > 1 ? calendar.get(Calendar.MONTH) + 1 : 1,
                elements > 2 ? calendar.get(Calendar.DAY_OF_MONTH) : 1,
                elements > 3 ? calendar.get(Calendar.HOUR_OF_DAY) : 0,
                elements > 4 ? calendar.get(Calendar.MINUTE) : 0,
                elements > 5 ? calendar.get(Calendar.SECOND) : 0,
                elements > 6 ? calendar.get(Calendar.MILLISECOND) * 1_000_000 : 0,
                offset);
        return new DateTime(dateTime, Precision.fromDateTimeIndex(elements - 1));
    }

    /** How many of year, month, day, hour, minute, second, millisecond the value has; 0 if not a precision. */
    private static int elementCount(Integer calendarConstant) {
        return switch (calendarConstant) {
            case Calendar.YEAR -> 1;
            case Calendar.MONTH -> 2;
            case Calendar.DAY_OF_MONTH -> 3;
            case Calendar.HOUR_OF_DAY -> 4;
            case Calendar.MINUTE -> 5;
            case Calendar.SECOND -> 6;
            case Calendar.MILLISECOND -> 7;
            default -> 0;
        };
    }

    /**
     * The offset the engine ends up with: it passes the offset as float hours in a BigDecimal and
     * takes whole minutes back, which can drop a minute for offsets that are not whole quarter hours.
     * Kept, so that a date means the same here as in any other engine.
     */
    private static ZoneOffset asTheEngineRoundsIt(ZoneOffset offset) {
        BigDecimal hours = TemporalHelper.zoneToOffset(offset);
        return ZoneOffset.ofHoursMinutes(
                hours.intValue(),
                new BigDecimal(60).multiply(hours.remainder(BigDecimal.ONE)).intValue());
    }
}

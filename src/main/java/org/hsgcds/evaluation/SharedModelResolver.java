package org.hsgcds.evaluation;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * </ul>
 */
final class SharedModelResolver extends R4FhirModelResolver {

    private final Map<String, Optional<Object>> contextPaths = new ConcurrentHashMap<>();
    private final Map<ZoneOffset, ZoneOffset> engineOffsets = new ConcurrentHashMap<>();

    SharedModelResolver(FhirContext fhirContext) {
        super(fhirContext);
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

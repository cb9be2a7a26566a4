package org.hsgcds.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;
import org.opencds.cqf.cql.engine.runtime.Date;
import org.opencds.cqf.cql.engine.runtime.Interval;

/**
 * The values of the rule library's expressions for one patient and one planned date. Engine types do not leave
 * this class: a CQL Date is read as a {@link LocalDate} and an Interval as a {@link RuleInterval}, so that the
 * cards need not know the engine.
 */
public final class RuleResults {

    private final Map<String, Object> values;

    public RuleResults(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    /** An expression's value, with CQL dates and intervals (also inside lists) converted; null when it has none. */
    public Object value(String expression) {
        return converted(values.get(expression));
    }

    private static Object converted(Object value) {
        if (value instanceof Date date) {
            return date.getDate();
        }
        if (value instanceof Interval interval) {
            return new RuleInterval(converted(interval.getStart()), converted(interval.getEnd()));
        }
        if (value instanceof Iterable<?> items && !(value instanceof Resource)) {
            List<Object> list = new ArrayList<>();
            items.forEach(item -> list.add(converted(item)));
            return list;
        }
        return value;
    }

    /** The FHIR resources an expression returned (a list, a single resource, or nothing). */
    public List<Resource> resources(String expression) {
        Object value = values.get(expression);
        if (value instanceof Resource resource) {
            return List.of(resource);
        }
        if (value instanceof Iterable<?> items) {
            var found = new ArrayList<Resource>();
            items.forEach(item -> {
                if (item instanceof Resource r) {
                    found.add(r);
                }
            });
            return found;
        }
        return List.of();
    }

    public boolean isTrue(String expression) {
        return Boolean.TRUE.equals(values.get(expression));
    }
}

package org.hsgcds.evaluation;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;

/** The values of the rule library's expressions for one patient and one planned date. */
public final class RuleResults {

    private final Map<String, Object> values;

    public RuleResults(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    public Object value(String expression) {
        return values.get(expression);
    }

    /** The FHIR resources an expression returned (a list, a single resource, or nothing). */
    public List<Resource> resources(String expression) {
        Object value = values.get(expression);
        if (value instanceof Resource resource) {
            return List.of(resource);
        }
        if (value instanceof Iterable<?> items) {
            var found = new java.util.ArrayList<Resource>();
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

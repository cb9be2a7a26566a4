package org.hsgcds.evaluation;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;

/**
 * The engine's R4 model resolver, shared by every evaluation (it holds only the thread-safe FHIR
 * context), built over the shared context since its no-argument constructor makes a new one (~0.5 s).
 * The path from a retrieved type to the patient ("subject", "patient") is remembered: the engine asks
 * for it on every retrieve, and each answer made a new Patient by reflection and walked the type's
 * element tree (a twentieth of a typical call's allocations). It depends on the two type names only,
 * and those come from the compiled rules, so the map stays small.
 */
final class SharedModelResolver extends R4FhirModelResolver {

    private final Map<String, Optional<Object>> contextPaths = new ConcurrentHashMap<>();

    SharedModelResolver(FhirContext fhirContext) {
        super(fhirContext);
    }

    @Override
    public Object getContextPath(String contextType, String targetType) {
        if (contextType == null || targetType == null) {
            return null;
        }
        return contextPaths.computeIfAbsent(contextType + "/" + targetType,
                key -> Optional.ofNullable(super.getContextPath(contextType, targetType))).orElse(null);
    }
}

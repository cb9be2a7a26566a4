package org.hsgcds.content;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hsgcds.cdshooks.Hook;

/**
 * The CDS services offered, the value set that makes an order (or appointment) an HSG one, and the prefetch
 * templates: {@code prefetch} is shared by every service; a service's {@code additionalPrefetch} adds keys
 * that only it uses (the appointment service's ServiceRequest key), so the other services' discovery stays as it is.
 */
public record ServiceCatalog(
        String orderValueSet,
        Map<String, String> prefetch,
        List<String> requiredPrefetch,
        List<ServiceDefinition> services) {

    /** The appointment-book service's own prefetch key: the patient's ServiceRequests, for appointments known only by basedOn. */
    public static final String APPOINTMENT_ORDERS_KEY = "serviceRequests";

    /**
     * The prefetch tokens CDS Hooks 2.0 defines for our hooks: the context fields order-sign,
     * order-select and appointment-book mark as tokens, and the user identity tokens. Any other token stops content loading.
     */
    public static final Set<String> PREFETCH_TOKENS = Set.of(
            "context.patientId",
            "context.userId",
            "context.encounterId",
            "userPractitionerId",
            "userPractitionerRoleId",
            "userPatientId",
            "userRelatedPersonId");

    public static final Pattern PREFETCH_TOKEN = Pattern.compile("\\{\\{([^{}]*)}}");

    public ServiceCatalog {
        prefetch = Map.copyOf(prefetch);
        requiredPrefetch = List.copyOf(requiredPrefetch);
        services = List.copyOf(services);
    }

    public Optional<ServiceDefinition> find(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The prefetch templates a service declares in discovery: the shared ones and its own. */
    public Map<String, String> prefetchOf(ServiceDefinition service) {
        Map<String, String> all = new LinkedHashMap<>(prefetch);
        all.putAll(service.additionalPrefetch());
        return all;
    }

    /**
     * @param additionalPrefetch keys this service alone declares, beside the shared ones; they are not in
     *     {@code requiredPrefetch}: the service asks for them only when a call needs them
     */
    public record ServiceDefinition(
            String id, Hook hook, String title, String description, Map<String, String> additionalPrefetch) {

        public ServiceDefinition {
            additionalPrefetch = additionalPrefetch == null ? Map.of() : Map.copyOf(additionalPrefetch);
        }

        public ServiceDefinition(String id, Hook hook, String title, String description) {
            this(id, hook, title, description, Map.of());
        }
    }
}

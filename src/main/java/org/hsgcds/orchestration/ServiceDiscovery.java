package org.hsgcds.orchestration;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hsgcds.cdshooks.Hook;
import org.hsgcds.content.ServiceCatalog;

/** The discovery document (GET /cds-services), built once from content and sorted for stable output. */
public record ServiceDiscovery(List<Service> services) {

    record Service(
            String hook,
            String id,
            String title,
            String description,
            Map<String, String> prefetch,
            String usageRequirements) {}

    static ServiceDiscovery from(ServiceCatalog catalog) {
        return new ServiceDiscovery(catalog.services().stream()
                .sorted(Comparator.comparing(ServiceCatalog.ServiceDefinition::id))
                .map(s -> {
                    Map<String, String> prefetch = new TreeMap<>(catalog.prefetchOf(s));
                    return new Service(
                            s.hook().code(),
                            s.id(),
                            s.title(),
                            s.description(),
                            prefetch,
                            usageRequirements(s.hook(), catalog, prefetch));
                })
                .toList());
    }

    /**
     * What the EHR must send, in words, made from the same content as the prefetch templates so the two
     * cannot disagree: the context fields, the prefetch keys, the FHIR server and token for keys it does
     * not prefetch (with the read scopes the templates need), and the client JWT registration.
     */
    static String usageRequirements(Hook hook, ServiceCatalog catalog, Map<String, String> prefetch) {
        String context = switch (hook) {
            case ORDER_SELECT -> "context.patientId, context.draftOrders and context.selections";
            case APPOINTMENT_BOOK -> "context.patientId and context.appointments";
            case ORDER_SIGN -> "context.patientId and context.draftOrders";
        };
        TreeSet<String> required = new TreeSet<>(catalog.requiredPrefetch());
        TreeSet<String> optional = new TreeSet<>(prefetch.keySet());
        optional.removeAll(required);
        TreeSet<String> scopes = new TreeSet<>();
        prefetch.values().forEach(template -> scopes.add("patient/" + template.split("[/?]", 2)[0] + ".read"));
        return "Send " + context + " (FHIR R4)."
                + " Prefetch the keys " + String.join(", ", required)
                + (optional.isEmpty()
                        ? ""
                        : "; the key " + String.join(", ", optional)
                                + " is used only when an appointment names its order by basedOn")
                + ". For any key not prefetched, send fhirServer (https, on the service's allow-list of FHIR servers)"
                + " with fhirAuthorization: a Bearer access token for this patient only,"
                + " with the read scopes " + String.join(" ", scopes) + ";"
                + " without prefetch or fhirServer the call is refused with HTTP 412,"
                + " and data the server refuses gives a data-unavailable card, never an all-clear."
                + " When the service requires client authentication, sign every call with a JWT (ES384 or RS384)"
                + " whose iss and JWKS URL are registered with the service (hsg.security.issuers).";
    }
}

package org.hsgcds.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The CDS services offered, the order value set that triggers them and their prefetch templates. */
public record ServiceCatalog(
        String orderValueSet,
        Map<String, String> prefetch,
        List<String> requiredPrefetch,
        List<ServiceDefinition> services) {

    /**
     * The prefetch tokens CDS Hooks 2.0 defines for our hooks: the context fields order-sign and
     * order-select mark as tokens, and the user identity tokens. Any other token stops content loading.
     */
    public static final Set<String> PREFETCH_TOKENS = Set.of("context.patientId", "context.userId", "context.encounterId",
            "userPractitionerId", "userPractitionerRoleId", "userPatientId", "userRelatedPersonId");
    public static final Pattern PREFETCH_TOKEN = Pattern.compile("\\{\\{([^{}]*)}}");

    public ServiceCatalog {
        prefetch = Map.copyOf(prefetch);
        requiredPrefetch = List.copyOf(requiredPrefetch);
        services = List.copyOf(services);
    }

    public Optional<ServiceDefinition> find(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public record ServiceDefinition(String id, String hook, String title, String description) {
    }
}

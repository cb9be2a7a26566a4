package org.hsgcds.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The CDS services offered, the order value set that triggers them and their prefetch templates. */
public record ServiceCatalog(
        String orderValueSet,
        Map<String, String> prefetch,
        List<String> requiredPrefetch,
        List<ServiceDefinition> services) {

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

package org.hsgcds.hooks;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hsgcds.content.ServiceCatalog;

/** The discovery document (GET /cds-services), built once from content and sorted for stable output. */
public record ServiceDiscovery(List<Service> services) {

    record Service(String hook, String id, String title, String description, Map<String, String> prefetch) {}

    static ServiceDiscovery from(ServiceCatalog catalog) {
        return new ServiceDiscovery(catalog.services().stream()
                .sorted(Comparator.comparing(ServiceCatalog.ServiceDefinition::id))
                .map(s -> new Service(
                        s.hook().code(), s.id(), s.title(), s.description(), new TreeMap<>(catalog.prefetchOf(s))))
                .toList());
    }
}

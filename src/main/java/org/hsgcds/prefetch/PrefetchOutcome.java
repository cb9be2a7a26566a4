package org.hsgcds.prefetch;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/** The result of reading (or fetching) one prefetch key. */
public record PrefetchOutcome(String key, List<Resource> resources, String failure) {

    public PrefetchOutcome {
        resources = List.copyOf(resources);
    }

    public static PrefetchOutcome ok(String key, List<Resource> resources) {
        return new PrefetchOutcome(key, resources, null);
    }

    public static PrefetchOutcome failed(String key, String reason) {
        return new PrefetchOutcome(key, List.of(), reason);
    }

    public boolean failed() {
        return failure != null;
    }
}

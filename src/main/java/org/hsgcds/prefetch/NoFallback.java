package org.hsgcds.prefetch;

import java.util.List;
import java.util.Map;
import org.hsgcds.hooks.CdsServiceRequest;
import org.hsgcds.hooks.HookRequestException;

/** The default until FHIR servers are allowed: nothing is fetched, the caller must send prefetch. */
public final class NoFallback implements PrefetchFallback {

    @Override
    public List<PrefetchOutcome> fetch(String fhirServer, CdsServiceRequest.FhirAuthorization authorization,
            Map<String, String> queries) {
        throw HookRequestException.prefetchRequired("Prefetch keys " + queries.keySet()
                + " are missing and this service fetches from no FHIR server (the server is not on the allow-list)");
    }
}

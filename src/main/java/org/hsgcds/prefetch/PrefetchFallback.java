package org.hsgcds.prefetch;

import java.util.List;
import java.util.Map;
import org.hsgcds.cdshooks.CdsServiceRequest;

/** Fetches prefetch keys the EHR did not send from its FHIR server. */
public interface PrefetchFallback {

    /**
     * @param queries the missing keys with their queries, tokens already filled
     * @return one outcome per key; throws {@link PrefetchRequiredException} when
     *     the server may not be contacted at all
     */
    List<PrefetchOutcome> fetch(
            String fhirServer, CdsServiceRequest.FhirAuthorization authorization, Map<String, String> queries);
}

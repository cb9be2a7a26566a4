package org.hsgcds.prefetch;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
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

    /**
     * As {@link #fetch}, and in the same call (one deadline) the rest of each search whose first page came as
     * prefetch: {@code nextLinks} maps such a key to its first page's {@code next} link, and its outcome holds the
     * resources of the pages after the first. The rest never throws: a key whose further pages cannot be had (no
     * allowed server, a page that fails, the deadline) is a failed outcome.
     */
    default List<PrefetchOutcome> fetch(
            String fhirServer,
            CdsServiceRequest.FhirAuthorization authorization,
            Map<String, String> queries,
            Map<String, String> nextLinks) {
        List<PrefetchOutcome> outcomes = new java.util.ArrayList<>();
        if (!queries.isEmpty()) {
            outcomes.addAll(fetch(fhirServer, authorization, queries));
        }
        nextLinks
                .keySet()
                .forEach(key -> outcomes.add(PrefetchOutcome.failed(key, "this service fetches no further pages")));
        return outcomes;
    }

    /**
     * This fallback with each fetch run through {@code around} (e.g. outside the call's CPU slot), both kinds of
     * fetch alike.
     */
    default PrefetchFallback around(Function<Supplier<List<PrefetchOutcome>>, List<PrefetchOutcome>> around) {
        PrefetchFallback inner = this;
        return new PrefetchFallback() {
            @Override
            public List<PrefetchOutcome> fetch(
                    String fhirServer, CdsServiceRequest.FhirAuthorization authorization, Map<String, String> queries) {
                return around.apply(() -> inner.fetch(fhirServer, authorization, queries));
            }

            @Override
            public List<PrefetchOutcome> fetch(
                    String fhirServer,
                    CdsServiceRequest.FhirAuthorization authorization,
                    Map<String, String> queries,
                    Map<String, String> nextLinks) {
                return around.apply(() -> inner.fetch(fhirServer, authorization, queries, nextLinks));
            }
        };
    }
}

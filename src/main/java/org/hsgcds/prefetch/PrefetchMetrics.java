package org.hsgcds.prefetch;

/**
 * Counts fetches of missing prefetch keys from the EHR's FHIR server, by outcome: "fetched", "failed"
 * (the key became unavailable) or "refused" (the server may not be contacted, 412). A fallback may
 * report finer outcomes of its own through the same bean.
 */
public interface PrefetchMetrics {

    PrefetchMetrics NONE = outcome -> {};

    void fetch(String outcome);
}

package org.hsgcds.prefetch;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which EHR FHIR servers the service may fetch missing prefetch from, and how long it may take.
 *
 * @param allowedServers base URLs (comma-separated in properties); empty means nothing is fetched (412)
 * @param connectTimeout the longest wait for a TCP/TLS connection
 * @param readTimeout the longest wait for one response (further capped by the deadline)
 * @param deadline the time budget for all fetching of one hook call, pages included
 * @param maxPages the most pages read for one prefetch key; a longer search makes the key unavailable
 * @param maxConcurrentFetches fetch threads shared by all hook calls; keys beyond the queue fail at once
 * @param onFetchFailure what a key that could not be read from an allowed server gives: {@code card} (default),
 *     a 200 with the data-unavailable card (no all-clear; contraindications found in the rest still shown), or
 *     {@code 412}, the answer for prefetch the service could not get, for EHRs that would rather retry with prefetch
 */
@ConfigurationProperties("hsg.fhir")
record FhirServerProperties(
        @DefaultValue List<String> allowedServers,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("1500ms") Duration readTimeout,
        @DefaultValue("2s") Duration deadline,
        @DefaultValue("20") int maxPages,
        @DefaultValue("16") int maxConcurrentFetches,
        @DefaultValue(CARD) String onFetchFailure) {

    static final String CARD = "card";
    static final String PRECONDITION_FAILED = "412";

    FhirServerProperties {
        allowedServers = allowedServers == null ? List.of() : List.copyOf(allowedServers);
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(readTimeout, "read-timeout");
        requirePositive(deadline, "deadline");
        if (maxPages < 1 || maxConcurrentFetches < 1) {
            throw new IllegalArgumentException(
                    "hsg.fhir.max-pages and hsg.fhir.max-concurrent-fetches must be at least 1");
        }
        if (!CARD.equals(onFetchFailure) && !PRECONDITION_FAILED.equals(onFetchFailure)) {
            throw new IllegalArgumentException("hsg.fhir.on-fetch-failure must be card or 412, not " + onFetchFailure);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("hsg.fhir." + name + " must be a positive duration");
        }
    }
}

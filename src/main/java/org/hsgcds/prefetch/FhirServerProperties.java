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
 */
@ConfigurationProperties("hsg.fhir")
record FhirServerProperties(
        @DefaultValue List<String> allowedServers,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("1500ms") Duration readTimeout,
        @DefaultValue("2s") Duration deadline,
        @DefaultValue("20") int maxPages,
        @DefaultValue("16") int maxConcurrentFetches) {

    FhirServerProperties {
        allowedServers = allowedServers == null ? List.of() : List.copyOf(allowedServers);
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(readTimeout, "read-timeout");
        requirePositive(deadline, "deadline");
        if (maxPages < 1 || maxConcurrentFetches < 1) {
            throw new IllegalArgumentException("hsg.fhir.max-pages and hsg.fhir.max-concurrent-fetches must be at least 1");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("hsg.fhir." + name + " must be a positive duration");
        }
    }
}

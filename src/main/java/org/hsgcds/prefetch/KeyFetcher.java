package org.hsgcds.prefetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fetches one prefetch key from an allowed server: the query, then its {@code next} pages while
 * they stay on that server, within the call's deadline. Any failure fails the whole key, because
 * a partial search would look like an absent finding. Reasons name no URL, token or patient data.
 */
final class KeyFetcher {

    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final Supplier<HttpClient> client;
    private final FhirJsonReader reader;
    private final Duration readTimeout;
    private final int maxPages;

    /** {@code client} is asked for on the first fetch: making one loads the trust store, ~0.15 s of start-up. */
    KeyFetcher(Supplier<HttpClient> client, FhirJsonReader reader, Duration readTimeout, int maxPages) {
        this.client = client;
        this.reader = reader;
        this.readTimeout = readTimeout;
        this.maxPages = maxPages;
    }

    PrefetchOutcome fetch(ServerBase server, String key, String query, String accessToken, Deadline deadline) {
        Optional<URI> uri = server.query(query);
        if (uri.isEmpty()) {
            return PrefetchOutcome.failed(key, "its query does not make a URL on the FHIR server");
        }
        return follow(server, key, uri.get(), 1, new ArrayList<>(), accessToken, deadline);
    }

    /**
     * The rest of a search whose first page came as prefetch: page 2 from the {@code next} link, and on, with the
     * same page cap as a fetched key (the prefetched page counts as page 1). The outcome holds only the fetched
     * pages' resources.
     */
    PrefetchOutcome fetchRest(ServerBase server, String key, String next, String accessToken, Deadline deadline) {
        Optional<URI> uri = server.within(next);
        if (uri.isEmpty()) {
            return PrefetchOutcome.failed(key, "the next-page link points away from the FHIR server");
        }
        if (maxPages < 2) {
            return PrefetchOutcome.failed(key, "the search has more than " + maxPages + " pages");
        }
        return follow(server, key, uri.get(), 2, new ArrayList<>(), accessToken, deadline);
    }

    private PrefetchOutcome follow(
            ServerBase server,
            String key,
            URI first,
            int firstPage,
            List<Resource> resources,
            String accessToken,
            Deadline deadline) {
        Optional<URI> uri = Optional.of(first);
        try {
            for (int page = firstPage; ; page++) {
                FhirJsonReader.Page read = reader.readPage(key, get(uri.get(), accessToken, deadline));
                if (read.outcome().failed()) {
                    return read.outcome();
                }
                resources.addAll(read.outcome().resources());
                if (read.next() == null) {
                    return PrefetchOutcome.ok(key, resources);
                }
                if (page >= maxPages) {
                    return PrefetchOutcome.failed(key, "the search has more than " + maxPages + " pages");
                }
                uri = server.within(read.next());
                if (uri.isEmpty()) {
                    return PrefetchOutcome.failed(key, "a next-page link points away from the FHIR server");
                }
            }
        } catch (FetchFailure e) {
            return PrefetchOutcome.failed(key, e.getMessage());
        }
    }

    private String get(URI uri, String accessToken, Deadline deadline) throws FetchFailure {
        long remaining = deadline.remainingNanos();
        if (remaining <= 0) {
            throw new FetchFailure("no answer from the FHIR server within the deadline");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.get()
                    .send(
                            request(uri, accessToken, Duration.ofNanos(Math.min(remaining, readTimeout.toNanos()))),
                            HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new FetchFailure("no answer from the FHIR server in time");
        } catch (IOException e) {
            throw new FetchFailure("the FHIR server could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailure("no answer from the FHIR server within the deadline");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new FetchFailure("the FHIR server answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new FetchFailure(
                        "the FHIR server's answer is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FetchFailure("the FHIR server's answer could not be read in full");
        }
    }

    private static HttpRequest request(URI uri, String accessToken, Duration timeout) throws FetchFailure {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).GET().timeout(timeout).header("Accept", "application/fhir+json");
        if (accessToken != null) {
            try {
                builder.header("Authorization", "Bearer " + accessToken);
            } catch (IllegalArgumentException e) {
                // The exception's message may quote the header value; it is dropped.
                throw new FetchFailure("the access token cannot be sent in an HTTP header");
            }
        }
        return builder.build();
    }

    /** A fetch that failed, with a reason safe to show and log. */
    private static final class FetchFailure extends Exception {
        FetchFailure(String reason) {
            super(reason, null, false, false);
        }
    }
}

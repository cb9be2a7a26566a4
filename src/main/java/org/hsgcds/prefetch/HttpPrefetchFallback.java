package org.hsgcds.prefetch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the prefetch keys the EHR did not send from its {@code fhirServer}, if that server is on
 * the allow-list (else 412, and nothing is contacted). Keys are fetched concurrently; one deadline
 * bounds the whole call. A key that fails becomes a failed outcome, so the caller answers with a
 * data-unavailable card and never an all-clear. The access token goes only into the Authorization
 * header of requests to the allowed server; it is never logged. Without {@code fhirAuthorization}
 * the server is asked without an Authorization header (the spec's case of an open server); a
 * server that then refuses (401/403) makes the keys unavailable, never an all-clear.
 */
final class HttpPrefetchFallback implements PrefetchFallback, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpPrefetchFallback.class);

    private final AllowedServers allowed;
    private final KeyFetcher fetcher;
    private final ExecutorService executor;
    private final FhirServerProperties properties;

    HttpPrefetchFallback(FhirServerProperties properties, KeyFetcher fetcher, ExecutorService executor) {
        this.allowed = AllowedServers.of(properties.allowedServers());
        this.properties = properties;
        this.fetcher = fetcher;
        this.executor = executor;
    }

    @Override
    public List<PrefetchOutcome> fetch(
            String fhirServer, CdsServiceRequest.FhirAuthorization authorization, Map<String, String> queries) {
        return fetch(fhirServer, authorization, queries, Map.of());
    }

    @Override
    public List<PrefetchOutcome> fetch(
            String fhirServer,
            CdsServiceRequest.FhirAuthorization authorization,
            Map<String, String> queries,
            Map<String, String> nextLinks) {
        Optional<ServerBase> allowedServer = allowed.match(fhirServer);
        if (allowedServer.isEmpty()) {
            if (!queries.isEmpty()) {
                log.info(
                        "fhirServer is not on the allow-list; {} prefetch key(s) missing, nothing fetched",
                        queries.size());
                throw new PrefetchRequiredException("The fhirServer is not allowed: it is not on this service's "
                        + "allow-list (hsg.fhir.allowed-servers), so the missing prefetch keys " + queries.keySet()
                        + " were not fetched. Send them as prefetch.");
            }
            return nextLinks.keySet().stream()
                    .map(key -> PrefetchOutcome.failed(
                            key, "the fhirServer is not on this service's allow-list, so it was not asked"))
                    .toList();
        }
        ServerBase server = allowedServer.get();
        long started = System.nanoTime();
        Deadline deadline = Deadline.after(properties.deadline());
        String token = authorization == null ? null : authorization.access_token();
        Map<String, Future<PrefetchOutcome>> running = new LinkedHashMap<>();
        List<PrefetchOutcome> outcomes = new ArrayList<>();
        queries.forEach((key, query) ->
                submit(key, () -> fetcher.fetch(server, key, query, token, deadline), running, outcomes));
        nextLinks.forEach((key, next) ->
                submit(key, () -> fetcher.fetchRest(server, key, next, token, deadline), running, outcomes));
        running.forEach((key, future) -> outcomes.add(await(key, future, deadline)));
        List<String> failed = outcomes.stream()
                .filter(PrefetchOutcome::failed)
                .map(o -> o.key() + ": " + o.failure())
                .toList();
        long millis = (System.nanoTime() - started) / 1_000_000;
        int keys = queries.size() + nextLinks.size();
        if (failed.isEmpty()) {
            log.debug("Fetched {} prefetch key(s) from the FHIR server in {} ms", keys, millis);
        } else {
            log.warn(
                    "Fetched {} prefetch key(s) from the FHIR server in {} ms; could not read {}",
                    keys,
                    millis,
                    failed);
            // A paged prefetch key whose rest could not be had is data-unavailable, never a 412.
            boolean queryFailed = outcomes.stream().anyMatch(o -> o.failed() && queries.containsKey(o.key()));
            if (queryFailed && FhirServerProperties.PRECONDITION_FAILED.equals(properties.onFetchFailure())) {
                throw new PrefetchRequiredException("Prefetch keys could not be read from the fhirServer (" + failed
                        + "); this service answers 412 then (hsg.fhir.on-fetch-failure=412). Send them as prefetch.");
            }
        }
        return outcomes;
    }

    private void submit(
            String key,
            Callable<PrefetchOutcome> task,
            Map<String, Future<PrefetchOutcome>> running,
            List<PrefetchOutcome> outcomes) {
        try {
            running.put(key, executor.submit(task));
        } catch (RejectedExecutionException e) {
            outcomes.add(PrefetchOutcome.failed(key, "the service is too busy to fetch it"));
        }
    }

    private PrefetchOutcome await(String key, Future<PrefetchOutcome> future, Deadline deadline) {
        try {
            return future.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return PrefetchOutcome.failed(
                    key,
                    "no answer from the FHIR server within "
                            + properties.deadline().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return PrefetchOutcome.failed(key, "the fetch was interrupted");
        } catch (ExecutionException e) {
            log.warn(
                    "Fetching prefetch key {} failed unexpectedly ({})",
                    key,
                    e.getCause().getClass().getSimpleName());
            return PrefetchOutcome.failed(key, "the fetch failed unexpectedly");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

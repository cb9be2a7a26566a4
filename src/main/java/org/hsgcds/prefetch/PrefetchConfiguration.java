package org.hsgcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/** The FHIR fallback: one HTTP client (no redirects, no proxy) and a bounded pool of fetch threads. */
@Configuration
@EnableConfigurationProperties(FhirServerProperties.class)
class PrefetchConfiguration {

    @Bean
    PrefetchFallback httpPrefetchFallback(FhirServerProperties properties, FhirContext fhirContext) {
        var client = SingletonSupplier.of(() -> HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        var fetcher = new KeyFetcher(
                client, new FhirJsonReader(fhirContext), properties.readTimeout(), properties.maxPages());
        int threads = properties.maxConcurrentFetches();
        var executor = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 4), daemonThreads());
        executor.allowCoreThreadTimeOut(true);
        return new HttpPrefetchFallback(properties, fetcher, executor);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "fhir-fetch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

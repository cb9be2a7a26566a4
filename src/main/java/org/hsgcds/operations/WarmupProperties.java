package org.hsgcds.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hsg.warmup.*}: hook calls on the bundled example requests while the service starts, so that the first
 * real calls find their code loaded and compiled ({@link StartupWarmup}). Only when started with {@code java -jar}
 * (the application's {@code main}); test contexts never warm up.
 *
 * @param enabled {@code false} switches the warm-up off
 * @param duration no warm-up call starts later than this after the first one
 * @param grace how much longer than {@code duration} readiness waits for a call still running; then the service
 *     reports ready without it
 */
@ConfigurationProperties("hsg.warmup")
public record WarmupProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("3s") Duration duration,
        @DefaultValue("3s") Duration grace) {}

package org.hsgcds.operations;

import org.hsgcds.content.ContentHolder;
import org.hsgcds.content.ContentReloader;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * "content" in the readiness group: up once the CQL, value sets and card definitions are compiled and
 * validated. A failed reload does not make the service unready (the previous content keeps serving);
 * it shows as a detail.
 */
@Component("content")
class ContentHealthIndicator extends AbstractHealthIndicator {

    private final ContentHolder holder;
    private final ContentReloader reloader;

    ContentHealthIndicator(ContentHolder holder, ContentReloader reloader) {
        super("Rule content check failed");
        this.holder = holder;
        this.reloader = reloader;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ContentHolder.LoadedContent loaded = holder.current();
        builder.up()
                .withDetail("library", loaded.content().rules().name())
                .withDetail("version", loaded.content().rules().version())
                .withDetail("generation", loaded.generation());
        reloader.lastFailure().ifPresent(failure -> builder.withDetail("lastReloadFailed", failure));
    }
}

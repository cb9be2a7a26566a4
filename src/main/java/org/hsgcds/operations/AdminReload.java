package org.hsgcds.operations;

import java.util.List;
import org.hsgcds.content.ContentException;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.content.ContentReloader;
import org.hsgcds.web.ApiRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What {@code POST /admin/reload} does, on the service port and on the management port alike: 404 when no {@code
 * hsg.admin.token} is configured (the endpoint is off), 403 without the right token, 409 when other replicas share
 * the database (a reload would change this replica only: content is rolled out to several replicas by a new image or
 * config map and a rolling restart), 422 {@code content_invalid} with the reason when the new content is broken (the
 * running content stays). Every outcome past the token is counted in {@code hsg.content.reloads}.
 */
@Component
class AdminReload {

    static final String TOKEN_HEADER = "X-HSG-Admin-Token";

    private final ContentReloader reloader;
    private final AdminToken token;
    private final MicrometerMetrics metrics;
    private final ReplicaRegistry replicas;
    private final ContentHolder holder;

    AdminReload(
            ContentReloader reloader,
            ContentHolder holder,
            AdminProperties properties,
            MicrometerMetrics metrics,
            ReplicaRegistry replicas) {
        this.reloader = reloader;
        this.holder = holder;
        this.token = new AdminToken(properties.token());
        this.metrics = metrics;
        this.replicas = replicas;
    }

    ReloadResult reload(String presented) {
        if (!token.configured()) {
            throw new ApiRequestException(HttpStatus.NOT_FOUND, "not_found", "No such endpoint");
        }
        if (!token.matches(presented)) {
            throw new ApiRequestException(
                    HttpStatus.FORBIDDEN, "forbidden", "A valid " + TOKEN_HEADER + " header is required");
        }
        refuseWhenOtherReplicasRun();
        try {
            ContentHolder.LoadedContent loaded = reloader.reload();
            replicas.beat(); // the registry shows the new content version now, not at the next heartbeat
            metrics.reload("reloaded");
            return ReloadResult.of(loaded);
        } catch (ContentException e) {
            metrics.reload("rejected");
            throw e;
        }
    }

    private void refuseWhenOtherReplicasRun() {
        List<ReplicaRegistry.Replica> others;
        try {
            others = replicas.others();
        } catch (RuntimeException e) {
            metrics.reload("refused");
            throw new ApiRequestException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "reload_refused",
                    "Reload refused: the database does not answer ("
                            + e.getClass().getSimpleName()
                            + "), so whether other replicas share this deployment is unknown, and a reload could"
                            + " leave them answering with other content");
        }
        if (!others.isEmpty()) {
            metrics.reload("refused");
            throw new ApiRequestException(
                    HttpStatus.CONFLICT,
                    "reload_refused",
                    "Reload refused: " + others.size() + " other replica(s) share this deployment ("
                            + String.join(
                                    ", ",
                                    others.stream()
                                            .map(ReplicaRegistry.Replica::id)
                                            .toList())
                            + "), and a reload would change this replica only. Roll content out to every replica"
                            + " with a new image or config map and a rolling restart (README, Operations: content on"
                            + " several replicas). Content version here: "
                            + holder.content().version());
        }
    }

    record ReloadResult(
            String status,
            String library,
            String version,
            String contentVersion,
            int generation,
            int valueSets,
            int cardDefinitions,
            String loadedAt) {

        static ReloadResult of(ContentHolder.LoadedContent loaded) {
            var content = loaded.content();
            return new ReloadResult(
                    "reloaded",
                    content.rules().name(),
                    content.rules().version(),
                    content.version(),
                    loaded.generation(),
                    content.valueSets().urls().size(),
                    content.cards().cards().size(),
                    loaded.loadedAt().toString());
        }
    }
}

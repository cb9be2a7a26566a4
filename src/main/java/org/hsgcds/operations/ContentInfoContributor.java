package org.hsgcds.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentHolder;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/info}: which rule content is in force, with every compiled CQL library and its version,
 * and the site protocol it evaluates with (every key, and "bundled" or the override file it came from); its {@code
 * version} (the hash hook responses carry in their {@code extension}); and under {@code replicas}, every replica on
 * the shared database with the content version it answers with.
 */
@Component
class ContentInfoContributor implements InfoContributor {

    private final ContentHolder holder;
    private final ReplicaRegistry replicas;

    ContentInfoContributor(ContentHolder holder, ReplicaRegistry replicas) {
        this.holder = holder;
        this.replicas = replicas;
    }

    @Override
    public void contribute(Info.Builder builder) {
        ContentHolder.LoadedContent loaded = holder.current();
        CompiledContent content = loaded.content();
        List<Map<String, String>> libraries = content.libraries().stream()
                .map(library -> Map.of("name", library.name(), "version", library.version()))
                .toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", content.version());
        details.put("ruleLibrary", content.rules().name());
        details.put("ruleLibraryVersion", content.rules().version());
        details.put("libraries", libraries);
        details.put("valueSets", content.valueSets().urls().size());
        details.put("cardDefinitions", content.cards().cards().size());
        details.put(
                "services",
                content.services().services().stream().map(s -> s.id()).sorted().toList());
        details.put("loadedAt", loaded.loadedAt().toString());
        details.put("generation", loaded.generation());
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("loadedFrom", content.protocol().source());
        protocol.putAll(content.protocol().values());
        details.put("protocol", protocol);
        builder.withDetail("content", details);
        builder.withDetail("replicas", replicas());
    }

    /** This replica and the others on the shared database, with the content version each answers with. */
    private Map<String, Object> replicas() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("this", replicas.id());
        try {
            List<ReplicaRegistry.Replica> live = replicas.live();
            view.put(
                    "live",
                    live.stream()
                            .map(r -> Map.of(
                                    "id", r.id(),
                                    "contentVersion", r.contentVersion(),
                                    "startedAt", r.startedAt().toString(),
                                    "lastSeen", r.lastSeen().toString()))
                            .toList());
            view.put(
                    "sameContent",
                    live.stream()
                                    .map(ReplicaRegistry.Replica::contentVersion)
                                    .distinct()
                                    .count()
                            <= 1);
        } catch (RuntimeException e) {
            view.put(
                    "live",
                    "unknown: the database does not answer (" + e.getClass().getSimpleName() + ")");
        }
        return view;
    }
}

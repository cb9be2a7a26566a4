package org.hsgcds.content;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule content in force. A reload swaps the whole {@link LoadedContent} at once, so a caller
 * that reads {@link #current()} once per request works on one consistent version throughout.
 */
public final class ContentHolder {

    private final AtomicReference<LoadedContent> current;

    public ContentHolder(CompiledContent initial, String location) {
        this.current = new AtomicReference<>(new LoadedContent(initial, location, Instant.now(), 1));
    }

    public LoadedContent current() {
        return current.get();
    }

    public CompiledContent content() {
        return current.get().content();
    }

    LoadedContent replace(CompiledContent content, String location) {
        return current.updateAndGet(old -> new LoadedContent(content, location, Instant.now(), old.generation() + 1));
    }

    /** One loaded version of the content; {@code generation} counts loads since start-up (1 = the start-up load). */
    public record LoadedContent(CompiledContent content, String location, Instant loadedAt, int generation) {
        public LoadedContent {
            Objects.requireNonNull(content);
        }
    }
}

package org.hsgcds.content;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the content from its location, compiles and validates all of it, and only then makes it
 * current. A broken reload throws {@link ContentException} and leaves the running content in place.
 */
public final class ContentReloader {

    private static final Logger log = LoggerFactory.getLogger(ContentReloader.class);

    private final ContentLoader loader;
    private final String location;
    private final ContentHolder holder;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    public ContentReloader(ContentLoader loader, String location, ContentHolder holder) {
        this.loader = loader;
        this.location = location;
        this.holder = holder;
    }

    /** Reloads; one reload at a time, hook calls keep being answered from the old content meanwhile. */
    public synchronized ContentHolder.LoadedContent reload() {
        long started = System.nanoTime();
        CompiledContent fresh;
        try {
            fresh = loadOrExplain();
        } catch (ContentException e) {
            lastFailure.set(e.getMessage());
            log.warn(
                    "Content reload from '{}' failed; the running content (generation {}) stays in force: {}",
                    location,
                    holder.current().generation(),
                    e.getMessage());
            throw e;
        }
        ContentHolder.LoadedContent loaded = holder.replace(fresh, location);
        lastFailure.set(null);
        log.info(
                "Reloaded rule content from '{}': library {} {}, generation {}, in {} ms",
                location,
                fresh.ruleLibrary().getId(),
                fresh.ruleLibrary().getVersion(),
                loaded.generation(),
                (System.nanoTime() - started) / 1_000_000);
        return loaded;
    }

    /**
     * Every failure to load is a {@link ContentException} (answered 422 with the reason): one the loader did not
     * foresee, from the translator or a parser, says what failed and where instead of becoming a bare 500.
     */
    private CompiledContent loadOrExplain() {
        try {
            return loader.load(location);
        } catch (ContentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ContentException(
                    "Content at " + location + " could not be loaded: "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
        }
    }

    /** Why the last reload failed, if it did (cleared by a successful one). */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }
}

package org.hsgcds.content;

import ca.uhn.fhir.context.FhirContext;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The rule content, loaded on a thread of its own while the rest of the application starts: loading it (HAPI's
 * model, the ELM, the value sets and card definitions) is a quarter of start-up, and it needs nothing but its
 * settings. The {@code CompiledContent} bean takes it when it was loaded from the settings the bean would use;
 * otherwise, or when the early load failed, the bean loads the content itself, as it always did (a broken
 * library then stops start-up with the loader's own message).
 */
public final class PreloadedContent {

    private final Settings settings;
    private final CompletableFuture<CompiledContent> loading = new CompletableFuture<>();

    private PreloadedContent(Settings settings) {
        this.settings = settings;
    }

    /** For the settings in {@code environment}; {@link #load} does the work on the caller's thread. */
    public static PreloadedContent forSettingsIn(Environment environment) {
        Binder binder = Binder.get(environment);
        return new PreloadedContent(new Settings(
                binder.bindOrCreate("hsg.content", ContentProperties.class),
                binder.bindOrCreate("hsg.protocol", SiteProtocolProperties.class),
                binder.bindOrCreate("hsg.terminology", TerminologyProperties.class)));
    }

    /** Loads the content; any failure is kept for {@link #claim} to ignore, not thrown. */
    public Optional<CompiledContent> load(FhirContext fhirContext) {
        try {
            CompiledContent content = ContentConfiguration.loader(
                            fhirContext, settings.protocol(), settings.terminology())
                    .load(settings.content().location());
            loading.complete(content);
            return Optional.of(content);
        } catch (RuntimeException | LinkageError e) {
            loading.completeExceptionally(e);
            return Optional.empty();
        }
    }

    public String location() {
        return settings.content().location();
    }

    /** The content loaded early, waiting for the load to end, when it was made from exactly these settings. */
    Optional<CompiledContent> claim(
            ContentProperties content, SiteProtocolProperties protocol, TerminologyProperties terminology) {
        if (!settings.equals(new Settings(content, protocol, terminology))) {
            return Optional.empty();
        }
        try {
            return Optional.of(loading.join());
        } catch (CompletionException e) {
            return Optional.empty();
        }
    }

    private record Settings(
            ContentProperties content, SiteProtocolProperties protocol, TerminologyProperties terminology) {
        Settings {
            Objects.requireNonNull(content);
        }
    }
}

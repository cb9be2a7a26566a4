package org.hsgcds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import java.util.concurrent.atomic.AtomicReference;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentHolder;
import org.springframework.stereotype.Component;

/**
 * The knowledge artifacts of the content in force. Built at start-up from the loaded content; after a reload
 * ({@code POST /admin/reload}) the first read builds them again from the new version, so a Library never
 * describes rules other than those the hooks run.
 */
@Component
class KnowledgeCatalog {

    private final ContentHolder content;
    private final FhirContext fhir;
    private final AtomicReference<Built> built = new AtomicReference<>();

    KnowledgeCatalog(ContentHolder content, FhirContext fhir) {
        this.content = content;
        this.fhir = fhir;
        current();
    }

    FhirKnowledge current() {
        ContentHolder.LoadedContent loaded = content.current();
        Built known = built.get();
        if (known != null && known.content() == loaded.content()) {
            return known.knowledge();
        }
        Built fresh =
                new Built(loaded.content(), new FhirKnowledge(loaded.content().knowledge(), loaded.loadedAt(), fhir));
        built.set(fresh);
        return fresh.knowledge();
    }

    private record Built(CompiledContent content, FhirKnowledge knowledge) {}
}

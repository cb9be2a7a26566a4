package org.hsgcds.testsupport;

import ca.uhn.fhir.context.FhirContext;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentLoader;

/**
 * The shipped content ({@code cql/}, {@code fhir-resources/}), compiled once per JVM with the loader the service
 * uses ({@link ContentLoader#strict}) and shared by every test that only reads it: compiled content is immutable
 * (ARCHITECTURE.md, "Invariants"), so sharing it cannot couple tests. A test that checks loading itself against
 * edited content, another protocol file or a translating loader still builds its own {@link ContentLoader}.
 */
public final class ShippedContent {

    private ShippedContent() {}

    /** The shipped content, compiled on first use. */
    public static CompiledContent get() {
        return Holder.CONTENT;
    }

    /** The FHIR context the shared content was loaded with. */
    public static FhirContext fhir() {
        return FhirContext.forR4Cached();
    }

    private static final class Holder {
        static final CompiledContent CONTENT =
                ContentLoader.strict(FhirContext.forR4Cached()).load("file:./");
    }
}

package org.hsgcds.content;

import java.util.Set;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.hl7.elm.r1.VersionedIdentifier;

/** Everything the service decides with, loaded and validated together; immutable once built. */
public record CompiledContent(
        LibraryManager libraryManager,
        VersionedIdentifier ruleLibrary,
        Set<String> ruleExpressions,
        ValueSetIndex valueSets,
        CardCatalog cards,
        ServiceCatalog services) {
}

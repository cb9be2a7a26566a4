package org.hsgcds.evaluation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.VersionedIdentifier;
import org.opencds.cqf.cql.engine.data.DataProvider;
import org.opencds.cqf.cql.engine.execution.Environment;
import org.opencds.cqf.cql.engine.terminology.TerminologyProvider;

/**
 * The engine looks a library up on every call into an included library (each Common and FHIRHelpers
 * function call): through the library manager, with streams and a map keyed by deep-hashed ELM
 * identifiers, a cost that showed in profiles of hook calls (bench/README.md). The compiled libraries never change for one content
 * version, so they are found here by name, and anything not found the usual way.
 */
final class CompiledLibraryEnvironment extends Environment {

    private final Map<String, Library> librariesByName;

    CompiledLibraryEnvironment(
            LibraryManager libraryManager,
            Map<String, Library> librariesByName,
            Map<String, DataProvider> dataProviders,
            TerminologyProvider terminology) {
        super(libraryManager, dataProviders, terminology);
        this.librariesByName = librariesByName;
    }

    /** The compiled libraries by name, for every name compiled in one version and without a namespace. */
    static Map<String, Library> librariesByName(LibraryManager libraryManager) {
        Map<String, Library> byName = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (CompiledLibrary compiled : libraryManager.getCompiledLibraries().values()) {
            Library library = compiled.getLibrary();
            VersionedIdentifier id = library == null ? null : library.getIdentifier();
            if (id == null || id.getSystem() != null) {
                continue;
            }
            Library known = byName.putIfAbsent(id.getId(), library);
            if (known != null && !Objects.equals(known.getIdentifier().getVersion(), id.getVersion())) {
                ambiguous.add(id.getId()); // two versions of one name: left to the library manager
            }
        }
        ambiguous.forEach(byName::remove);
        return Map.copyOf(byName);
    }

    @Override
    public Library resolveLibrary(VersionedIdentifier identifier) {
        Library library = identifier.getSystem() == null ? librariesByName.get(identifier.getId()) : null;
        if (library != null
                && (identifier.getVersion() == null
                        || identifier
                                .getVersion()
                                .equals(library.getIdentifier().getVersion()))) {
            return library;
        }
        return super.resolveLibrary(identifier);
    }
}

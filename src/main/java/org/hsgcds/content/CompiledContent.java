package org.hsgcds.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.hl7.elm.r1.VersionedIdentifier;

/**
 * Everything the service decides with, loaded and validated together; immutable once built. The site
 * protocol is part of it, so a call evaluated with one version's rules quotes that version's protocol. {@code version}
 * is a stable hash of all of it ({@link ContentVersion}): replicas that loaded the same content show the same one.
 */
public record CompiledContent(
        LibraryManager libraryManager,
        VersionedIdentifier ruleLibrary,
        Set<String> ruleExpressions,
        ValueSetIndex valueSets,
        CardCatalog cards,
        ServiceCatalog services,
        Map<String, String> handouts,
        RetrieveIndex retrievable,
        SiteProtocol protocol,
        PublishedKnowledge knowledge,
        String version) {

    public CompiledContent {
        handouts = Map.copyOf(handouts);
        java.util.Objects.requireNonNull(protocol, "protocol");
        java.util.Objects.requireNonNull(knowledge, "knowledge");
        java.util.Objects.requireNonNull(version, "version");
    }

    /** A printable patient handout by file name, e.g. "hsg-patient-guide.html". */
    /** A compiled library's name and version, for the operations and workbench views (no engine types above content). */
    public record LibraryVersion(String name, String version) {}

    /** The rule library's name and version ({@code HSGEligibility}, its {@code version} in the CQL). */
    public LibraryVersion rules() {
        return new LibraryVersion(ruleLibrary.getId(), String.valueOf(ruleLibrary.getVersion()));
    }

    /** Every library compiled for this version (the rules and what they include), by name. */
    public List<LibraryVersion> libraries() {
        return libraryManager.getCompiledLibraries().values().stream()
                .map(compiled -> new LibraryVersion(
                        compiled.getIdentifier().getId(),
                        String.valueOf(compiled.getIdentifier().getVersion())))
                .distinct()
                .sorted(java.util.Comparator.comparing(LibraryVersion::name))
                .toList();
    }

    public Optional<String> handout(String fileName) {
        return Optional.ofNullable(handouts.get(fileName));
    }
}

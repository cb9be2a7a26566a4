package org.hsgcds.content;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.elm.serializing.jackson.ElmJsonMapper;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.FunctionDef;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.ValueSetDef;
import org.hl7.elm.r1.VersionedIdentifier;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads the rule content from a location ("classpath:" by default, or "file:/dir/"):
 * {@code cql/*.cql}, {@code cql/*.cards.json}, {@code fhir-resources/valuesets/*.json} and
 * {@code fhir-resources/cds-services.json}, {@code fhir-resources/site-protocol.json} (with the site's override file
 * over it, when one is set). Fails with a {@link ContentException} naming the
 * file and the problem; nothing half-loaded is ever returned. CQL is translated unless it is exactly the
 * CQL whose ELM was made at build time ({@link PrecompiledElm}).
 */
public final class ContentLoader {

    private final FhirContext fhirContext;
    private final ObjectMapper json;
    private final boolean usePrecompiledElm;
    private final ValueSetLoader.TerminologyServer terminologyServer;
    private final String protocolOverride;
    // This class's own loader, not the thread's: value sets are read on a common-pool thread, whose context loader
    // (the system one) does not see BOOT-INF/classes in the packaged jar (Boot 4 on Java 25: "cannot be resolved").
    private static final PathMatchingResourcePatternResolver RESOLVER =
            new PathMatchingResourcePatternResolver(ContentLoader.class.getClassLoader());

    public ContentLoader(FhirContext fhirContext, ObjectMapper json) {
        this(fhirContext, json, true);
    }

    private ContentLoader(FhirContext fhirContext, ObjectMapper json, boolean usePrecompiledElm) {
        this(fhirContext, json, usePrecompiledElm, null);
    }

    private ContentLoader(
            FhirContext fhirContext,
            ObjectMapper json,
            boolean usePrecompiledElm,
            ValueSetLoader.TerminologyServer terminologyServer) {
        this(fhirContext, json, usePrecompiledElm, terminologyServer, null);
    }

    private ContentLoader(
            FhirContext fhirContext,
            ObjectMapper json,
            boolean usePrecompiledElm,
            ValueSetLoader.TerminologyServer terminologyServer,
            String protocolOverride) {
        this.fhirContext = fhirContext;
        this.json = json;
        this.usePrecompiledElm = usePrecompiledElm;
        this.terminologyServer = terminologyServer;
        this.protocolOverride = protocolOverride;
    }

    /**
     * This loader, expanding each value set on a FHIR terminology server ({@code GET base/ValueSet/$expand})
     * and using the server's expansion where it gives one; blank {@code base}: the shipped expansions only.
     */
    public ContentLoader withTerminologyServer(String base) {
        if (base == null || base.isBlank()) {
            return new ContentLoader(fhirContext, json, usePrecompiledElm, null, protocolOverride);
        }
        return new ContentLoader(
                fhirContext,
                json,
                usePrecompiledElm,
                new HttpTerminologyServer(base.trim(), fhirContext),
                protocolOverride);
    }

    /**
     * This loader, reading the site's protocol file ("file:/path/protocol.json") over the content's
     * {@code fhir-resources/site-protocol.json} on every load; null or blank: the content's file alone.
     */
    public ContentLoader withProtocolOverride(String location) {
        return new ContentLoader(fhirContext, json, usePrecompiledElm, terminologyServer, location);
    }

    /** The loader the service and the command line use: content JSON must not carry unknown fields. */
    public static ContentLoader strict(FhirContext fhirContext) {
        return new ContentLoader(
                fhirContext, new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }

    /**
     * The strict loader, translating the CQL even where ELM made from the same sources at build time is
     * bundled: to check that both give the same content.
     */
    public static ContentLoader strictTranslatingCql(FhirContext fhirContext) {
        return new ContentLoader(
                fhirContext, new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), false);
    }

    public CompiledContent load(String location) {
        String base = location.endsWith("/") || location.endsWith(":") ? location : location + "/";
        SiteProtocol protocol =
                SiteProtocolFile.read(base, protocolOverride); // first: a bad value fails in milliseconds
        // Value sets (HAPI parsing) load on another core while the CQL is translated: start-up time.
        Map<String, String> valueSetFiles = read(base + "fhir-resources/valuesets/*.json");
        CompletableFuture<ValueSetIndex> valueSetsLoading = CompletableFuture.supplyAsync(
                () -> new ValueSetLoader(fhirContext, terminologyServer).load(valueSetFiles));
        Map<String, String> serviceFiles = read(base + "fhir-resources/cds-services.json");
        if (serviceFiles.size() != 1) {
            throw new ContentException("Missing content file " + base + "fhir-resources/cds-services.json");
        }
        String servicesText = serviceFiles.values().iterator().next();
        ServiceCatalog services =
                parseJson(serviceFiles.keySet().iterator().next(), servicesText, ServiceCatalog.class);
        Map<String, String> cqlSources = cqlSources(base);
        if (cqlSources.isEmpty()) {
            throw new ContentException("No CQL libraries found under " + base + "cql/");
        }
        Map<String, String> elmByName = new TreeMap<>();
        LibraryManager libraryManager = compile(cqlSources, elmByName);
        ValueSetIndex valueSets = await(valueSetsLoading);
        cqlSources.keySet().forEach(name -> checkValueSetsKnown(libraryManager, name, valueSets));

        Map<String, String> cardFiles = read(base + "cql/*.cards.json");
        if (cardFiles.size() != 1) {
            throw new ContentException("Expected exactly one cql/*.cards.json, found " + cardFiles.keySet());
        }
        String cardFile = cardFiles.keySet().iterator().next();
        CardCatalog cards = parseJson(cardFile, cardFiles.get(cardFile), CardCatalog.class);
        VersionedIdentifier ruleLibrary =
                new VersionedIdentifier().withId(cards.library()).withVersion(cards.libraryVersion());
        if (!cqlSources.containsKey(cards.library())) {
            throw new ContentException(cardFile + " names library " + cards.library() + ", which is not in cql/");
        }
        Set<String> expressions = expressionNames(libraryManager, ruleLibrary);
        ProtocolParameters.check(elm(libraryManager, ruleLibrary), protocol);
        new ContentValidator(expressions, valueSets).validate(cardFile, cards, services);
        Map<String, String> handouts = read(base + "fhir-resources/handouts/*.html");
        return new CompiledContent(
                libraryManager,
                ruleLibrary,
                expressions,
                valueSets,
                cards,
                services,
                handouts,
                retrieveIndex(elmByName, cqlSources.keySet(), valueSets),
                protocol,
                PublishedKnowledge.of(cqlSources, elmByName, valueSetFiles),
                ContentVersion.of(cqlSources, cardFiles.get(cardFile), servicesText, valueSets, handouts, protocol));
    }

    /**
     * The CQL libraries under {@code base} ("classpath:", "file:/dir/"), by library name (the file name
     * without ".cql"): what is translated, and what the ELM bundled at build time is fingerprinted over.
     */
    static Map<String, String> cqlSources(String base) {
        return read(base + "cql/*.cql").entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().replaceFirst("\\.cql$", ""), Map.Entry::getValue));
    }

    /** Compiles the sources, putting each library's ELM, as bundled or as translated, into {@code elmByName}. */
    private LibraryManager compile(Map<String, String> cqlSources, Map<String, String> elmByName) {
        CqlCompiler compiler = new CqlCompiler();
        if (usePrecompiledElm) {
            Optional<PrecompiledElm.Bundled> elm = PrecompiledElm.bundled(cqlSources);
            if (elm.isPresent()) {
                elmByName.putAll(elm.get().elmByName());
                return compiler.fromElm(elm.get().libraries(), cqlSources);
            }
        }
        LibraryManager translated = compiler.compileAll(cqlSources);
        try {
            for (String name : cqlSources.keySet()) {
                elmByName.put(name, PrecompiledElm.json(elm(translated, new VersionedIdentifier().withId(name))));
            }
        } catch (IOException e) {
            throw new ContentException("The translated CQL could not be written as ELM: " + e.getMessage(), e);
        }
        return compiler.fromElm(ElmJson.reread(translated), cqlSources);
    }

    private static ValueSetIndex await(CompletableFuture<ValueSetIndex> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Every retrieve of our libraries (FHIRHelpers has none), read from their ELM. */
    /**
     * Read from each library's ELM as JSON text (bundled, or written from the translation), the text the compiled
     * libraries were read from: turning the compiled objects back into a tree cost a quarter of the content's
     * load at start-up, in building Jackson's serializers for the ELM classes.
     */
    static RetrieveIndex retrieveIndex(Map<String, String> elmByName, Set<String> names, ValueSetIndex valueSets) {
        RetrieveIndex.Builder builder = new RetrieveIndex.Builder();
        for (String name : names) {
            try {
                builder.add(
                        ElmJsonMapper.getMapper().readTree(elmByName.get(name)).path("library"));
            } catch (IOException e) {
                throw new ContentException("The ELM of " + name + " could not be read: " + e.getMessage(), e);
            }
        }
        return builder.build(valueSets);
    }

    private static Library elm(LibraryManager libraryManager, VersionedIdentifier id) {
        return libraryManager.resolveLibrary(id).getLibrary();
    }

    private static Set<String> expressionNames(LibraryManager libraryManager, VersionedIdentifier id) {
        // Resolved by name alone: asked for a version it was not compiled as, the library manager throws its own
        // exception, which named neither version (a reload answered 500).
        Library library = elm(libraryManager, new VersionedIdentifier().withId(id.getId()));
        if (library.getIdentifier().getVersion() != null
                && id.getVersion() != null
                && !library.getIdentifier().getVersion().equals(id.getVersion())) {
            throw new ContentException("Library " + id.getId() + " is version "
                    + library.getIdentifier().getVersion() + " in cql/" + id.getId()
                    + ".cql but the card definitions expect libraryVersion " + id.getVersion());
        }
        return library.getStatements().getDef().stream()
                .filter(def -> !(def instanceof FunctionDef))
                .map(ExpressionDef::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void checkValueSetsKnown(LibraryManager libraryManager, String name, ValueSetIndex valueSets) {
        Library library = elm(libraryManager, new VersionedIdentifier().withId(name));
        if (library.getValueSets() == null) {
            return;
        }
        for (ValueSetDef def : library.getValueSets().getDef()) {
            if (!valueSets.isKnown(def.getId())) {
                throw new ContentException("CQL library " + name + " uses value set '" + def.getName() + "' ("
                        + def.getId() + ") that is not in fhir-resources/valuesets/");
            }
        }
    }

    private <T> T parseJson(String fileName, String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new ContentException(fileName + " is not valid: " + e.getMessage(), e);
        }
    }

    /** The readable resources matching {@code pattern}, by file name in name order, as UTF-8 text. */
    public static Map<String, String> read(String pattern) {
        Map<String, String> byName = new TreeMap<>();
        try {
            for (Resource resource : RESOLVER.getResources(pattern)) {
                if (!resource.isReadable()) {
                    continue;
                }
                try (InputStream in = resource.getInputStream()) {
                    byName.put(resource.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new ContentException("Cannot read content " + pattern + ": " + e.getMessage(), e);
        }
        return new LinkedHashMap<>(byName);
    }
}

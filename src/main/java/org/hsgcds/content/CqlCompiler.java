package org.hsgcds.content;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cqframework.cql.cql2elm.CqlCompilerException;
import org.cqframework.cql.cql2elm.CqlCompilerOptions;
import org.cqframework.cql.cql2elm.LibraryBuilder;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.LibrarySourceProvider;
import org.cqframework.cql.cql2elm.ModelManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.cql2elm.quick.FhirLibrarySourceProvider;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.VersionedIdentifier;

/**
 * Translates the CQL sources once, or takes the ELM translated from them at build time; either way the
 * returned manager holds the compiled libraries for the engine.
 */
final class CqlCompiler {

    LibraryManager compileAll(Map<String, String> sourcesByLibraryName) {
        // The translator folds type and model names with the JVM's default locale: under tr-TR ("I" -> "ı") neither
        // System.Interval nor the FHIR model resolved, and edited rules or a reload could not load at all.
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.ROOT);
        try {
            LibraryManager libraryManager = newLibraryManager();
            libraryManager.getLibrarySourceLoader().registerProvider(new InMemorySources(sourcesByLibraryName));
            for (String name : sourcesByLibraryName.keySet()) {
                compile(libraryManager, name);
            }
            return libraryManager;
        } finally {
            Locale.setDefault(before);
        }
    }

    /** A manager holding already translated libraries; sources are kept for anything else asked of it. */
    LibraryManager fromElm(List<Library> libraries, Map<String, String> sourcesByLibraryName) {
        LibraryManager libraryManager = newLibraryManager();
        libraryManager.getLibrarySourceLoader().registerProvider(new InMemorySources(sourcesByLibraryName));
        for (Library library : libraries) {
            // The translator's order, which the engine and the content checks see on the compiled path.
            library.getStatements().getDef().sort(Comparator.comparing(ExpressionDef::getName));
            CompiledLibrary compiled = new CompiledLibrary();
            compiled.setLibrary(library);
            compiled.setIdentifier(library.getIdentifier());
            register(libraryManager, compiled);
        }
        return libraryManager;
    }

    /**
     * The translator's recommended options, but with a signature on every function call: without one the engine
     * resolves a call's overload anew from its arguments' runtime types on every call (a third of evaluating a
     * record with allergies, bench/README.md), with one it resolves each call site once per evaluation.
     */
    static CqlCompilerOptions options() {
        return CqlCompilerOptions.defaultOptions().withSignatureLevel(LibraryBuilder.SignatureLevel.All);
    }

    private static LibraryManager newLibraryManager() {
        LibraryManager libraryManager = new LibraryManager(new ModelManager(), options());
        libraryManager.getLibrarySourceLoader().registerProvider(new FhirLibrarySourceProvider());
        return libraryManager;
    }

    private static void compile(LibraryManager libraryManager, String name) {
        List<CqlCompilerException> errors = new ArrayList<>();
        CompiledLibrary library;
        try {
            library = libraryManager.resolveLibrary(new VersionedIdentifier().withId(name), errors);
        } catch (RuntimeException e) {
            throw new ContentException("CQL library " + name + " could not be translated: " + e.getMessage(), e);
        }
        List<String> messages = errors.stream()
                .filter(e -> e.getSeverity() == CqlCompilerException.ErrorSeverity.Error)
                .map(CqlCompiler::describe)
                .toList();
        if (!messages.isEmpty() || library == null) {
            throw new ContentException("CQL library " + name + " has errors:\n  " + String.join("\n  ", messages));
        }
        register(libraryManager, library);
    }

    /**
     * Cached by name and by the declared name and version, the identifier the engine and including
     * libraries ask for. Without this every evaluation would translate again.
     */
    private static void register(LibraryManager libraryManager, CompiledLibrary library) {
        VersionedIdentifier declared = library.getIdentifier();
        var cache = libraryManager.getCompiledLibraries();
        cache.putIfAbsent(new VersionedIdentifier().withId(declared.getId()), library);
        cache.putIfAbsent(
                new VersionedIdentifier().withId(declared.getId()).withVersion(declared.getVersion()), library);
    }

    private static String describe(CqlCompilerException e) {
        var locator = e.getLocator();
        String where = locator == null ? "" : "line " + locator.getStartLine() + ":" + locator.getStartChar() + " ";
        return where + e.getMessage();
    }

    private record InMemorySources(Map<String, String> sourcesByLibraryName) implements LibrarySourceProvider {
        @Override
        public InputStream getLibrarySource(VersionedIdentifier id) {
            String source = sourcesByLibraryName.get(id.getId());
            return source == null ? null : new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8));
        }
    }
}

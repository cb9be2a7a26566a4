package org.hsgcds.content;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cqframework.cql.cql2elm.CqlCompilerException;
import org.cqframework.cql.cql2elm.CqlCompilerOptions;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.LibrarySourceProvider;
import org.cqframework.cql.cql2elm.ModelManager;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.cql2elm.quick.FhirLibrarySourceProvider;
import org.hl7.elm.r1.VersionedIdentifier;

/** Translates the CQL sources once; the returned manager holds the compiled libraries for the engine. */
final class CqlCompiler {

    LibraryManager compileAll(Map<String, String> sourcesByLibraryName) {
        ModelManager modelManager = new ModelManager();
        LibraryManager libraryManager = new LibraryManager(modelManager, CqlCompilerOptions.defaultOptions());
        libraryManager.getLibrarySourceLoader().registerProvider(new FhirLibrarySourceProvider());
        libraryManager.getLibrarySourceLoader().registerProvider(new InMemorySources(sourcesByLibraryName));
        for (String name : sourcesByLibraryName.keySet()) {
            compile(libraryManager, name);
        }
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
        // Compiled by name; also cache it under the declared name and version, the identifier the
        // engine and including libraries ask for. Without this every evaluation would translate again.
        VersionedIdentifier declared = library.getIdentifier();
        libraryManager.getCompiledLibraries().putIfAbsent(
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

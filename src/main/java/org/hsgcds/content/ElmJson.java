package org.hsgcds.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.elm.serializing.LibraryWrapper;
import org.cqframework.cql.elm.serializing.jackson.ElmJsonLibraryWriter;
import org.cqframework.cql.elm.serializing.jackson.ElmJsonMapper;
import org.hl7.elm.r1.FunctionRef;
import org.hl7.elm.r1.Library;

/**
 * Reads ELM as the engine is to run it: every function call ({@link FunctionRef}) becomes a {@link CallSite}.
 *
 * <p>The engine keeps the function each call resolves to in a hash map keyed by the call's {@code FunctionRef}
 * (once per evaluation, when the ELM carries signatures). The generated ELM classes hash and compare by value,
 * over the call's whole argument tree, so each lookup walked that tree: 16 % of evaluating a Synthea record
 * with allergies (bench/README.md, issue 19). A call site is one node of one library, so being equal only to
 * itself loses nothing.
 */
final class ElmJson {

    private static final ObjectMapper MAPPER =
            ElmJsonMapper.getMapper().copy().addMixIn(FunctionRef.class, AsCallSite.class);

    private ElmJson() {}

    static Library read(String elm) throws IOException {
        return MAPPER.readValue(elm, LibraryWrapper.class).getLibrary();
    }

    /** The libraries a manager compiled from CQL, written and read back as {@link #read} reads bundled ELM. */
    static List<Library> reread(LibraryManager compiled) {
        Map<String, Library> byName = new TreeMap<>();
        compiled.getCompiledLibraries()
                .values()
                .forEach(c -> byName.put(c.getIdentifier().getId(), c.getLibrary()));
        List<Library> libraries = new ArrayList<>();
        try {
            for (Library library : byName.values()) {
                libraries.add(read(new ElmJsonLibraryWriter().writeAsString(library)));
            }
        } catch (IOException e) {
            throw new ContentException("The translated CQL could not be read back as ELM: " + e.getMessage(), e);
        }
        return libraries;
    }

    /** A function call that is equal only to itself. */
    static final class CallSite extends FunctionRef {

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    @JsonDeserialize(as = CallSite.class)
    private abstract static class AsCallSite {}
}

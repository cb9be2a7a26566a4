package org.hsgcds.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.elm.serializing.jackson.ElmJsonLibraryWriter;
import org.cqframework.cql.elm.serializing.jackson.ElmJsonMapper;
import org.hl7.elm.r1.Library;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ELM translated from the bundled CQL at build time ({@code classpath:elm/}), so start-up need not run
 * the translator. It is used only when the CQL being loaded is, byte for byte, the CQL it was made
 * from (a fingerprint over every library's name and text); edited content is translated as before.
 */
final class PrecompiledElm {

    private static final Logger log = LoggerFactory.getLogger(PrecompiledElm.class);
    static final String LOCATION = "elm/";
    private static final String FINGERPRINT_FILE = "sources.sha256";

    private PrecompiledElm() {}

    /** The precompiled libraries for exactly these sources, or empty (none bundled, or made from other CQL). */
    static Optional<List<Library>> forSources(Map<String, String> cqlSourcesByName) {
        return bundled(cqlSourcesByName).map(Bundled::libraries);
    }

    /** The bundled ELM, as text by library name and read as the engine runs it. */
    record Bundled(Map<String, String> elmByName, List<Library> libraries) {}

    /** The precompiled ELM for exactly these sources, or empty (none bundled, or made from other CQL). */
    static Optional<Bundled> bundled(Map<String, String> cqlSourcesByName) {
        try {
            Map<String, String> fingerprint = ContentLoader.read("classpath:" + LOCATION + FINGERPRINT_FILE);
            if (fingerprint.isEmpty()) {
                return Optional.empty();
            }
            if (!fingerprint.values().iterator().next().trim().equals(fingerprint(cqlSourcesByName))) {
                log.info("The CQL differs from the bundled copy; translating it");
                return Optional.empty();
            }
            List<Library> libraries = new ArrayList<>();
            Map<String, String> texts = new TreeMap<>();
            for (var elm :
                    ContentLoader.read("classpath:" + LOCATION + "*.json").entrySet()) {
                libraries.add(ElmJson.read(elm.getValue()));
                texts.put(elm.getKey().replaceFirst("\\.json$", ""), elm.getValue());
            }
            return Optional.of(new Bundled(texts, libraries));
        } catch (IOException | RuntimeException e) {
            // A damaged bundle must not stop the service: the CQL it came from is at hand.
            log.warn(
                    "The ELM bundled at build time could not be read ({}); translating the CQL instead",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Writes every library the manager compiled (ours and FHIRHelpers) and the sources' fingerprint. */
    static void write(Path directory, LibraryManager compiled, Map<String, String> cqlSourcesByName)
            throws IOException {
        Files.createDirectories(directory);
        Map<String, Library> byName = new TreeMap<>();
        compiled.getCompiledLibraries()
                .values()
                .forEach(c -> byName.put(c.getIdentifier().getId(), c.getLibrary()));
        for (var entry : byName.entrySet()) {
            Files.writeString(directory.resolve(entry.getKey() + ".json"), json(entry.getValue()));
        }
        Files.writeString(directory.resolve(FINGERPRINT_FILE), fingerprint(cqlSourcesByName) + "\n");
    }

    /** One library's ELM as JSON, as it is bundled: without the source narrative, on one line. */
    static String json(Library library) throws IOException {
        ObjectMapper mapper = ElmJsonMapper.getMapper();
        JsonNode elm = mapper.readTree(new ElmJsonLibraryWriter().writeAsString(library));
        dropNarrative(elm);
        return mapper.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(elm);
    }

    /**
     * The source narrative and tags the translator attaches to every node ({@code "type": "Annotation"}):
     * three quarters of the ELM, and the engine never reads them. The translator's own record of its
     * options ({@code CqlToElmInfo}) stays.
     */
    private static void dropNarrative(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("annotation") instanceof ArrayNode annotations) {
                annotations.removeIf(a -> "Annotation".equals(a.path("type").asText()));
                if (annotations.isEmpty()) {
                    object.remove("annotation");
                }
            }
        }
        node.forEach(PrecompiledElm::dropNarrative);
    }

    static String fingerprint(Map<String, String> cqlSourcesByName) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (var entry : new TreeMap<>(cqlSourcesByName).entrySet()) {
                sha256.update(
                        (entry.getKey() + "\n" + entry.getValue().length() + "\n").getBytes(StandardCharsets.UTF_8));
                sha256.update(entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

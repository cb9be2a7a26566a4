package org.hsgcds.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentLoader;
import org.springframework.util.FileSystemUtils;

/**
 * A copy of the shipped content in a test's folder, edited to be broken in one way, then loaded with the service's
 * strict loader: for tests of what stops loading. An edit that changes nothing fails, so a test cannot pass because
 * its edit no longer matches the content.
 */
public final class EditedContent {

    private final Path dir;

    public EditedContent(Path dir) {
        this.dir = dir;
    }

    /** Copies {@code cql/} and {@code fhir-resources/} into the folder. */
    public void copyShipped() throws IOException {
        FileSystemUtils.copyRecursively(Path.of("cql"), dir.resolve("cql"));
        FileSystemUtils.copyRecursively(Path.of("fhir-resources"), dir.resolve("fhir-resources"));
    }

    /** Rewrites one file of the copy ({@code file} relative to the folder); the change must change it. */
    public void edit(String file, UnaryOperator<String> change) throws IOException {
        Path path = dir.resolve(file);
        String before = Files.readString(path, StandardCharsets.UTF_8);
        String after = change.apply(before);
        assertThat(after).as("the edit must change " + file).isNotEqualTo(before);
        Files.writeString(path, after, StandardCharsets.UTF_8);
    }

    /** Loads the folder's content as the service would. */
    public CompiledContent load() {
        return ContentLoader.strict(FhirContext.forR4Cached()).load("file:" + dir.toAbsolutePath() + "/");
    }
}

package org.hsgcds.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.VersionedIdentifier;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.testsupport.ShippedContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompiledLibraryEnvironmentTest {

    private static CompiledContent content;
    private static CompiledLibraryEnvironment environment;

    @BeforeAll
    static void loadContent() {
        content = ShippedContent.get();
        environment = new CompiledLibraryEnvironment(
                content.libraryManager(),
                CompiledLibraryEnvironment.librariesByName(content.libraryManager()),
                Map.of(),
                null);
    }

    @Test
    void shouldFindTheSameCompiledLibraryTheLibraryManagerHolds() {
        for (String[] library :
                new String[][] {{"HSGCommon", "1.0.0"}, {"FHIRHelpers", "4.0.1"}, {"HSGEligibility", "1.0.0"}}) {
            VersionedIdentifier id =
                    new VersionedIdentifier().withId(library[0]).withVersion(library[1]);

            Library found = environment.resolveLibrary(id);

            assertThat(found)
                    .as(library[0])
                    .isSameAs(content.libraryManager().resolveLibrary(id).getLibrary());
        }
    }

    @Test
    void shouldLeaveOtherVersionsToTheLibraryManager() {
        VersionedIdentifier otherVersion =
                new VersionedIdentifier().withId("HSGCommon").withVersion("9.9.9");
        Map<String, Library> byName = CompiledLibraryEnvironment.librariesByName(content.libraryManager());

        assertThat(byName).containsKeys("HSGCommon", "HSGEligibility", "FHIRHelpers");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> environment.resolveLibrary(otherVersion)))
                .as("an unknown version is not answered with the compiled one")
                .isNotNull();
    }
}

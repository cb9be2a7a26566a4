package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.hsgcds.cdshooks.Hook;
import org.hsgcds.testsupport.EditedContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appointment-book content: the service's own prefetch key and the cards' appointment suggestions are
 * read from the shipped files, and each way of getting them wrong stops loading with a message naming it.
 */
class AppointmentContentTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    Path dir;

    private EditedContent edited;

    @org.junit.jupiter.api.BeforeEach
    void editedContentInTheTempDir() {
        edited = new EditedContent(dir);
    }

    @Test
    void shippedContentOffersTheAppointmentServiceWithItsOwnPrefetchKey() throws IOException {
        edited.copyShipped();
        CompiledContent content = edited.load();
        ServiceCatalog services = content.services();
        ServiceCatalog.ServiceDefinition booking =
                services.find("hsg-appointment-book").orElseThrow();
        assertThat(booking.hook()).isEqualTo(Hook.APPOINTMENT_BOOK);
        assertThat(services.prefetchOf(booking))
                .containsKey(ServiceCatalog.APPOINTMENT_ORDERS_KEY)
                .containsAllEntriesOf(services.prefetch());
        assertThat(services.prefetchOf(services.find("hsg-order-sign").orElseThrow()))
                .isEqualTo(services.prefetch());
        assertThat(services.requiredPrefetch()).doesNotContain(ServiceCatalog.APPOINTMENT_ORDERS_KEY);
        assertThat(content.cards().appointmentIntro()).contains("{{appointment}}");
        CardDefinition menstruation = content.cards().cards().stream()
                .filter(c -> "menstruation".equals(c.id()))
                .findFirst()
                .orElseThrow();
        assertThat(menstruation.suggestionsForAppointment())
                .flatExtracting(CardDefinition.SuggestionDefinition::actions)
                .extracting(CardDefinition.ActionDefinition::type)
                .containsExactly(ActionKind.RESCHEDULE, ActionKind.UPDATE);
        CardDefinition pregnancyTest = content.cards().cards().stream()
                .filter(c -> "pregnancy-test".equals(c.id()))
                .findFirst()
                .orElseThrow();
        assertThat(pregnancyTest.suggestionsForAppointment())
                .as("create-only suggestions carry over")
                .isEqualTo(pregnancyTest.suggestions());
    }

    @Test
    void deletingAnAppointmentStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cards.json",
                s -> s.replaceFirst("\"type\": \"reschedule\"", "\"type\": \"delete\""));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("appointment action type delete");
    }

    @Test
    void aCardChangingTheOrderWithoutAppointmentSuggestionsStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cards.json",
                s -> s.replaceFirst("\"appointmentSuggestions\"", "\"unusedSuggestions\"")
                        .replaceFirst("\"unusedSuggestions\": \\[", "\"x\": ["));
        // An unknown field is refused by the strict reader; with the lenient one the check itself names the card.
        assertThatThrownBy(() -> new ContentLoader(
                                FHIR, new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
                        .load("file:" + dir.toAbsolutePath() + "/"))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("declares no appointmentSuggestions");
    }

    @Test
    void rescheduleWithoutADateStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit("cql/HSGEligibility.cards.json", s -> s.replaceFirst("\"date\": \"\\{\\{suggestedDate}}\",", ""));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("reschedule action without a date");
    }

    @Test
    void patchingStartOrEndStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cards.json",
                s -> s.replaceFirst("\"status\": \"cancelled\",", "\"status\": \"cancelled\", \"start\": \"x\","));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("use a reschedule action");
    }

    @Test
    void aServiceKeyRedefiningASharedOneStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "fhir-resources/cds-services.json",
                s -> s.replace(
                        "\"serviceRequests\": \"ServiceRequest?patient={{context.patientId}}\"",
                        "\"serviceRequests\": \"ServiceRequest?patient={{context.patientId}}\", \"procedures\": \"Procedure?subject={{context.patientId}}\""));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("redefines the shared prefetch key procedures");
    }

    @Test
    void anAppointmentServiceWithoutItsServiceRequestKeyStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "fhir-resources/cds-services.json",
                s -> s.replace(
                        "\"serviceRequests\": \"ServiceRequest?patient={{context.patientId}}\"",
                        "\"orders\": \"ServiceRequest?patient={{context.patientId}}\""));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("has no additionalPrefetch serviceRequests");
    }

    @Test
    void anIndicatorOrHookOutsideTheCdsHooksVocabularyStopsLoadingNamingTheValue() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cards.json",
                s -> s.replaceFirst("\"indicator\": \"critical\"", "\"indicator\": \"urgent\""));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("'urgent' is not one of info, warning, critical");
        edited.copyShipped();
        edited.edit(
                "fhir-resources/cds-services.json",
                s -> s.replaceFirst("\"hook\": \"order-sign\"", "\"hook\": \"order-sgn\""));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("'order-sgn' is not one of order-sign, order-select, appointment-book");
    }
}

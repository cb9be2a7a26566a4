package org.hsgcds.content;

import ca.uhn.fhir.context.FhirContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads and validates the rule content at start-up; a broken library stops the application. */
@Configuration
@EnableConfigurationProperties({ContentProperties.class, SiteProtocolProperties.class, TerminologyProperties.class})
class ContentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ContentConfiguration.class);

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    ContentLoader contentLoader(
            FhirContext fhirContext, SiteProtocolProperties protocol, TerminologyProperties terminology) {
        return loader(fhirContext, protocol, terminology);
    }

    static ContentLoader loader(
            FhirContext fhirContext, SiteProtocolProperties protocol, TerminologyProperties terminology) {
        return ContentLoader.strict(fhirContext)
                .withTerminologyServer(terminology.server() == null ? "" : terminology.server())
                .withProtocolOverride(protocol.location());
    }

    @Bean
    CompiledContent compiledContent(
            ContentLoader loader,
            ContentProperties properties,
            SiteProtocolProperties protocol,
            TerminologyProperties terminology,
            ObjectProvider<PreloadedContent> preloaded) {
        String location = properties.location();
        long started = System.nanoTime();
        Optional<CompiledContent> early = Optional.ofNullable(preloaded.getIfAvailable())
                .flatMap(p -> p.claim(properties, protocol, terminology));
        CompiledContent content = early.orElseGet(() -> loader.load(location));
        log.info(
                "Loaded rule content from '{}'{}: library {} {}, {} value sets, {} card definitions in {} ms",
                location,
                early.isPresent() ? " (alongside start-up)" : "",
                content.ruleLibrary().getId(),
                content.ruleLibrary().getVersion(),
                content.valueSets().urls().size(),
                content.cards().cards().size(),
                (System.nanoTime() - started) / 1_000_000);
        log.info(
                "Site protocol ({}): {}",
                content.protocol().source(),
                content.protocol().checkedAgainst());
        return content;
    }

    @Bean
    ContentHolder contentHolder(CompiledContent initial, ContentProperties properties) {
        return new ContentHolder(initial, properties.location());
    }

    @Bean
    ContentReloader contentReloader(ContentLoader loader, ContentHolder holder, ContentProperties properties) {
        return new ContentReloader(loader, properties.location(), holder);
    }
}

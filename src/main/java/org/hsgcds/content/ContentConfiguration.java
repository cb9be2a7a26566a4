package org.hsgcds.content;

import ca.uhn.fhir.context.FhirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
        return ContentLoader.strict(fhirContext)
                .withTerminologyServer(terminology.server() == null ? "" : terminology.server())
                .withProtocolOverride(protocol.location());
    }

    @Bean
    CompiledContent compiledContent(ContentLoader loader, ContentProperties properties) {
        String location = properties.location();
        long started = System.nanoTime();
        CompiledContent content = loader.load(location);
        log.info(
                "Loaded rule content from '{}': library {} {}, {} value sets, {} card definitions in {} ms",
                location,
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

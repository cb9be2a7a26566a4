package org.hsgcds.content;

import ca.uhn.fhir.context.FhirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads and validates the rule content at start-up; a broken library stops the application. */
@Configuration
@EnableConfigurationProperties(SiteProtocolProperties.class)
class ContentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ContentConfiguration.class);

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    ContentLoader contentLoader(FhirContext fhirContext, SiteProtocolProperties protocol,
            @Value("${hsg.terminology.server:}") String terminologyServer) {
        return ContentLoader.strict(fhirContext).withTerminologyServer(terminologyServer).withProtocolOverride(protocol.location());
    }

    @Bean
    CompiledContent compiledContent(ContentLoader loader, @Value("${hsg.content.location:classpath:}") String location) {
        long started = System.nanoTime();
        CompiledContent content = loader.load(location);
        log.info("Loaded rule content from '{}': library {} {}, {} value sets, {} card definitions in {} ms", location,
                content.ruleLibrary().getId(), content.ruleLibrary().getVersion(), content.valueSets().urls().size(),
                content.cards().cards().size(), (System.nanoTime() - started) / 1_000_000);
        log.info("Site protocol ({}): {}", content.protocol().source(), content.protocol().checkedAgainst());
        return content;
    }

    @Bean
    ContentHolder contentHolder(CompiledContent initial, @Value("${hsg.content.location:classpath:}") String location) {
        return new ContentHolder(initial, location);
    }

    @Bean
    ContentReloader contentReloader(ContentLoader loader, ContentHolder holder,
            @Value("${hsg.content.location:classpath:}") String location) {
        return new ContentReloader(loader, location, holder);
    }
}

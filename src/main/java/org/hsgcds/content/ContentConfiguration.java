package org.hsgcds.content;

import ca.uhn.fhir.context.FhirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads and validates the rule content at start-up; a broken library stops the application. */
@Configuration
class ContentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ContentConfiguration.class);

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    CompiledContent compiledContent(FhirContext fhirContext, @Value("${hsg.content.location:classpath:}") String location,
            @Value("${hsg.terminology.server:}") String terminologyServer) {
        long started = System.nanoTime();
        CompiledContent content = ContentLoader.strict(fhirContext).withTerminologyServer(terminologyServer).load(location);
        log.info("Loaded rule content from '{}': library {} {}, {} value sets, {} card definitions in {} ms", location,
                content.ruleLibrary().getId(), content.ruleLibrary().getVersion(), content.valueSets().urls().size(),
                content.cards().cards().size(), (System.nanoTime() - started) / 1_000_000);
        return content;
    }

    @Bean
    ContentHolder contentHolder(CompiledContent initial, @Value("${hsg.content.location:classpath:}") String location) {
        return new ContentHolder(initial, location);
    }

    @Bean
    ContentReloader contentReloader(FhirContext fhirContext, ContentHolder holder,
            @Value("${hsg.content.location:classpath:}") String location,
            @Value("${hsg.terminology.server:}") String terminologyServer) {
        return new ContentReloader(ContentLoader.strict(fhirContext).withTerminologyServer(terminologyServer), location, holder);
    }
}

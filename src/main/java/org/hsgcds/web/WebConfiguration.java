package org.hsgcds.web;

import org.hsgcds.orchestration.CpuSlots;
import org.hsgcds.orchestration.EvaluationProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

@Configuration
@EnableConfigurationProperties(ServiceProperties.class)
class WebConfiguration {

    /** Each request carries a check of whether its client is still connected ({@link ClientPresence}). */
    @Bean
    static org.springframework.boot.web.server.WebServerFactoryCustomizer<
                    org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
            clientPresence() {
        return factory -> factory.addEngineValves(new ClientPresence());
    }

    /** After the security filters (body limit, client authentication), just before Spring MVC. */
    @Bean
    FilterRegistrationBean<LargeCallAdmissionFilter> largeCallAdmissionFilter(
            CpuSlots slots,
            EvaluationProperties evaluation,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        var registration = new FilterRegistrationBean<>(new LargeCallAdmissionFilter(
                slots, evaluation.largeBody().toBytes(), evaluation.maxSlotWait(), errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/cds-services/*");
        return registration;
    }
}

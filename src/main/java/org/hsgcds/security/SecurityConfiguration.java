package org.hsgcds.security;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The filters every request passes, in this order: security headers, CORS (preflights end here,
 * unauthenticated), body limit, client authentication (only when issuers are configured; an
 * {@link UnauthenticatedRequests} bean may name exact requests it lets through). Filters
 * hand their failures to the MVC error handler so the JSON error bodies come from one place.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final int FIRST = Ordered.HIGHEST_PRECEDENCE + 10;

    private final SecurityProperties properties;
    private final HandlerExceptionResolver errors;

    SecurityConfiguration(
            SecurityProperties properties, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.properties = properties;
        this.errors = errors;
        if (properties.authenticationRequired()) {
            log.info(
                    "CDS clients must present a signed JWT; trusted issuers: {}",
                    properties.issuers().stream()
                            .map(SecurityProperties.Issuer::iss)
                            .toList());
        } else {
            log.warn("CDS clients are NOT authenticated (no hsg.security.issuers configured)");
        }
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        return registration(new SecurityHeadersFilter(), FIRST);
    }

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(1800L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return registration(new CorsFilter(source), FIRST + 1);
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter() {
        return registration(new BodyLimitFilter(properties.maxBodySize().toBytes(), errors), FIRST + 2);
    }

    /** Replay protection in the database the replicas share, so a token accepted by one replica is refused by all. */
    @Bean(destroyMethod = "close")
    SharedReplayStore sharedReplayStore(JdbcClient jdbc) {
        return new SharedReplayStore(jdbc, properties.replayCacheSize());
    }

    @Bean
    FilterRegistrationBean<ClientAuthenticationFilter> clientAuthenticationFilter(
            ObjectProvider<UnauthenticatedRequests> exempt, SharedReplayStore replays) {
        var verifier = new ClientTokenVerifier(properties, replays, Clock.systemUTC());
        UnauthenticatedRequests none = request -> false;
        var filter = new ClientAuthenticationFilter(
                verifier, properties.externalBaseUrl(), errors, exempt.getIfAvailable(() -> none));
        var registration = registration(filter, FIRST + 3);
        registration.setEnabled(properties.authenticationRequired());
        return registration;
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        registration.addUrlPatterns("/*");
        return registration;
    }
}

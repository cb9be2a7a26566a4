package org.hsgcds.security;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
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
    private final URI baseUrl;

    SecurityConfiguration(
            SecurityProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors,
            @Value("${hsg.public-base-url:}") String publicBaseUrl) {
        this.properties = properties;
        this.errors = errors;
        this.baseUrl = baseUrl(properties, publicBaseUrl);
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

    /**
     * The one URL clients reach the service at: {@code hsg.public-base-url} (card links and, with issuers,
     * the JWT audience), or its deprecated alias {@code hsg.security.external-base-url}. With issuers it is
     * required: without it the audience would have to come from the request's Host header, which the caller
     * writes. Both set to different URLs is refused too.
     */
    static URI baseUrl(SecurityProperties properties, String publicBaseUrl) {
        URI configured = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : URI.create(publicBaseUrl.strip());
        if (configured != null && (configured.getScheme() == null || configured.getHost() == null)) {
            throw new IllegalStateException("hsg.public-base-url must be an absolute URL, got " + publicBaseUrl);
        }
        URI alias = properties.externalBaseUrl();
        if (alias != null) {
            log.warn("hsg.security.external-base-url is deprecated: set hsg.public-base-url (the same URL serves"
                    + " card links and the JWT audience)");
            if (configured != null
                    && !ClientTokenVerifier.withoutTrailingSlash(configured.toString())
                            .equals(ClientTokenVerifier.withoutTrailingSlash(alias.toString()))) {
                throw new IllegalStateException("hsg.public-base-url and its deprecated alias"
                        + " hsg.security.external-base-url name different URLs: set hsg.public-base-url only");
            }
        }
        URI base = configured != null ? configured : alias;
        if (base == null && properties.authenticationRequired()) {
            throw new IllegalStateException("hsg.public-base-url is required when hsg.security.issuers are"
                    + " configured: a client JWT's aud must name this service's URL, which is never taken from"
                    + " the request's Host header");
        }
        return base;
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        var registration = registration(new SecurityHeadersFilter(), FIRST);
        // On the container's error dispatches too: its error pages carry the same headers as the rest.
        registration.setDispatcherTypes(
                jakarta.servlet.DispatcherType.REQUEST,
                jakarta.servlet.DispatcherType.ERROR,
                jakarta.servlet.DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(1800L);
        boolean privateNetwork = properties.allowPrivateNetwork();
        cors.setAllowPrivateNetwork(privateNetwork);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        CorsFilter filter = new CorsFilter(source) {
            @Override
            protected void doFilterInternal(
                    jakarta.servlet.http.HttpServletRequest request,
                    jakarta.servlet.http.HttpServletResponse response,
                    jakarta.servlet.FilterChain chain)
                    throws jakarta.servlet.ServletException, java.io.IOException {
                // Private Network Access: a public page asking to reach this (loopback or private) address.
                if (!privateNetwork
                        && org.springframework.web.cors.CorsUtils.isPreFlightRequest(request)
                        && "true".equalsIgnoreCase(request.getHeader("Access-Control-Request-Private-Network"))) {
                    response.sendError(jakarta.servlet.http.HttpServletResponse.SC_FORBIDDEN);
                    return;
                }
                super.doFilterInternal(request, response, chain);
            }
        };
        return registration(filter, FIRST + 1);
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(ObjectProvider<RequestBodyLimits> endpoints) {
        RequestBodyLimits none = request -> -1;
        return registration(
                new BodyLimitFilter(
                        properties.maxBodySize().toBytes(),
                        endpoints.getIfAvailable(() -> none),
                        properties.bodyReadTimeout(),
                        errors),
                FIRST + 2);
    }

    /**
     * "Expect: 100-continue" is answered when the body is first read, not on arrival (Tomcat's default),
     * so a body over the limit gets its 413 without the client being invited to send it. Static: the web
     * server is built before the MVC beans this configuration's constructor needs.
     */
    @Bean
    static org.springframework.boot.web.server.WebServerFactoryCustomizer<
                    org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
            continueOnRead() {
        return factory ->
                factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
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
        // Open mode has no audience to check; the filter is then registered but switched off.
        URI audienceBase = baseUrl == null ? URI.create("http://unused.invalid") : baseUrl;
        var filter = new ClientAuthenticationFilter(verifier, audienceBase, errors, exempt.getIfAvailable(() -> none));
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

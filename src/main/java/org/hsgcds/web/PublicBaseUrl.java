package org.hsgcds.web;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The URL clients reach this service at, for absolute links in cards: {@code hsg.public-base-url}
 * when set (behind a proxy), else the scheme, host and port of the current request.
 */
@Component
public class PublicBaseUrl {

    private final String configured;

    PublicBaseUrl(ServiceProperties properties) {
        String configured = properties.publicBaseUrl() == null ? "" : properties.publicBaseUrl();
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    public String resolve() {
        return configured.isEmpty()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
                : configured;
    }
}

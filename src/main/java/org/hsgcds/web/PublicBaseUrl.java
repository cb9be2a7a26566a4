package org.hsgcds.web;

import jakarta.servlet.http.HttpServletRequest;
import org.hsgcds.security.SecurityProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The URL clients reach this service at, for absolute links in cards: {@code hsg.public-base-url} (or its
 * deprecated alias {@code hsg.security.external-base-url}; the same URL is the JWT audience). Unset, which
 * only open mode allows, it is the address and port the request arrived on, never the Host header: a
 * caller writes that header, and a card link must not point wherever it says.
 */
@Component
public class PublicBaseUrl {

    private final String configured;

    PublicBaseUrl(ServiceProperties properties, SecurityProperties security) {
        String configured = properties.publicBaseUrl() != null
                        && !properties.publicBaseUrl().isBlank()
                ? properties.publicBaseUrl().strip()
                : security.externalBaseUrl() == null
                        ? ""
                        : security.externalBaseUrl().toString();
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    public String resolve() {
        if (!configured.isEmpty()) {
            return configured;
        }
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return "";
        }
        HttpServletRequest request = attributes.getRequest();
        String address = request.getLocalAddr().replaceFirst("%.*$", "");
        String host = address.contains(":") ? "[" + address + "]" : address;
        return request.getScheme() + "://" + host + ":" + request.getLocalPort() + request.getContextPath();
    }
}

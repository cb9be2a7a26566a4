package org.hsgcds.security;

import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The secure default, decided before the web server exists: with no trusted issuer configured the
 * service answers anyone, so it binds 127.0.0.1 unless told otherwise; binding another address open
 * needs {@code hsg.security.allow-unauthenticated=true}, and start-up fails without it.
 */
public final class LoopbackDefault implements EnvironmentPostProcessor {

    static final String LOOPBACK = "127.0.0.1";

    private final Log log;

    public LoopbackDefault(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(LoopbackDefault.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        boolean hasIssuers = !binder.bind("hsg.security.issuers", Bindable.listOf(SecurityProperties.Issuer.class))
                .orElse(List.of())
                .isEmpty();
        if (hasIssuers) {
            return;
        }
        boolean allowOpen =
                binder.bind("hsg.security.allow-unauthenticated", Boolean.class).orElse(false);
        String address = environment.getProperty("server.address");
        if (address == null || address.isBlank()) {
            Map<String, Object> loopback = new java.util.HashMap<>(Map.of("server.address", LOOPBACK));
            if (environment.getProperty("management.server.address") == null) {
                // The management port (probes, metrics) follows: open mode exposes nothing beyond loopback.
                loopback.put("management.server.address", LOOPBACK);
            }
            environment.getPropertySources().addFirst(new MapPropertySource("hsgSecurityLoopbackDefault", loopback));
            log.info("No hsg.security.issuers configured: CDS clients are not authenticated, so the service binds "
                    + LOOPBACK + " only");
        } else if (SecurityProperties.isLoopback(address)) {
            log.info("No hsg.security.issuers configured: CDS clients are not authenticated (bound to loopback "
                    + address + ")");
        } else if (allowOpen) {
            log.warn(
                    "No hsg.security.issuers configured and hsg.security.allow-unauthenticated=true: the service answers"
                            + " ANY caller on " + address
                            + " without authentication; patient data in requests is not protected");
        } else {
            throw new IllegalStateException("server.address=" + address + " is not a loopback address and no"
                    + " hsg.security.issuers are configured, so anyone could call the service. Configure trusted CDS"
                    + " clients (hsg.security.issuers[0].iss and .jwks-url), or set hsg.security.allow-unauthenticated=true"
                    + " to run open on purpose.");
        }
    }
}

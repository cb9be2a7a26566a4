package org.hsgcds.workbench;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.hsgcds.security.RequestBodyLimits;
import org.hsgcds.security.SecurityProperties;
import org.hsgcds.security.UnauthenticatedRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The workbench: a page at {@code /} with its assets under {@code /workbench/} (from the classpath
 * folder {@code workbench/static/}) and its JSON API under {@code /workbench/api/}. Whether it is
 * served is decided once at start-up ({@link WorkbenchMode}).
 */
@Configuration
class WorkbenchConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WorkbenchConfiguration.class);

    /**
     * The page's files; the read-only mode lets exactly these through without a client JWT. The script is native ES
     * modules (no bundler): {@code workbench.js} is the entry, importing the shared helpers beside it and one module
     * per view under {@code views/}. WorkbenchApiTest checks this list against the folder.
     */
    static final Set<String> ASSETS = Set.of(
            "workbench.css",
            "favicon.svg",
            "workbench.js",
            "dom.js",
            "dates.js",
            "http.js",
            "state.js",
            "indicators.js",
            "safe-detail.js",
            "card-feedback.js",
            "tabs.js",
            "views/try-it.js",
            "views/order-change.js",
            "views/override-dialog.js",
            "views/overrides.js",
            "views/conformance.js",
            "views/rules.js");

    /** The API calls of the read-only mode: none of them reads patient data, feedback or analytics. */
    private static final Set<String> READ_ONLY_CALLS = Set.of(
            "GET /workbench/api/mode",
            "GET /workbench/api/rules",
            "POST /workbench/api/conformance",
            "POST /workbench/api/render");

    private final WorkbenchMode mode;

    WorkbenchConfiguration(
            SecurityProperties security,
            WorkbenchProperties workbench,
            @Value("${server.address:}") String serverAddress) {
        this.mode = WorkbenchMode.decide(workbench.enabled(), security.authenticationRequired(), serverAddress);
        switch (mode) {
            case FULL -> log.info("Workbench on at / (the CDS endpoints are open; it calls them as any client does)");
            case READ_ONLY ->
                log.info("Workbench on at / read-only (rules and conformance checks; trying hooks needs a client JWT)");
            case OFF ->
                log.info(
                        "Workbench off{}",
                        security.authenticationRequired()
                                ? " (trusted issuers configured; hsg.workbench.enabled=true serves it read-only)"
                                : "");
        }
    }

    @Bean
    WorkbenchMode workbenchMode() {
        return mode;
    }

    /** The API's own body limit, applied before authentication whatever the mode. */
    @Bean
    RequestBodyLimits workbenchBodyLimits(WorkbenchProperties workbench) {
        long limit = workbench.maxBodySize().toBytes();
        return new RequestBodyLimits() {
            @Override
            public long limitFor(HttpServletRequest request) {
                return request.getRequestURI().startsWith("/workbench/api/") ? limit : -1;
            }

            @Override
            public String setting() {
                return "hsg.workbench.max-body-size";
            }
        };
    }

    /** Only in the read-only mode, and only when client JWTs are required (otherwise nothing is checked). */
    @Bean
    UnauthenticatedRequests workbenchReadOnlyRequests() {
        if (mode != WorkbenchMode.READ_ONLY) {
            return request -> false;
        }
        return WorkbenchConfiguration::isReadOnlyRequest;
    }

    static boolean isReadOnlyRequest(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI();
        if ("GET".equals(method) && ("/".equals(path) || isAsset(path))) {
            return true;
        }
        return READ_ONLY_CALLS.contains(method + " " + path);
    }

    private static boolean isAsset(String path) {
        return path.startsWith("/workbench/") && ASSETS.contains(path.substring("/workbench/".length()));
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        if (mode == WorkbenchMode.OFF) {
            return;
        }
        // The folder holds exactly the ASSETS; API paths go to the controllers, which are matched first.
        registry.addResourceHandler("/workbench/**").addResourceLocations("classpath:/workbench/static/");
    }
}

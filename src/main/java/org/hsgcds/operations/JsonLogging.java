package org.hsgcds.operations;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code hsg.logging.json=true} turns on Spring Boot's structured console logging in Elastic Common
 * Schema (one JSON object per line), unless {@code logging.structured.format.console} is set already.
 * The MDC, and so the {@code hookInstance} of the call being answered, is part of every line.
 */
public final class JsonLogging implements EnvironmentPostProcessor {

    static final String PROPERTY = "hsg.logging.json";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean json = Boolean.parseBoolean(environment.getProperty(PROPERTY, "false"));
        if (json && !environment.containsProperty("logging.structured.format.console")) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "hsgJsonLogging", Map.of("logging.structured.format.console", "ecs")));
        }
    }
}

package org.hsgcds.orchestration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hsg.evaluation.*}: how many hook calls do their CPU-bound work at once, and which calls are large.
 *
 * @param slots calls evaluated at once; 0 (the default): one per processor
 * @param largeBody a call with a body at least this large is read whole and takes its slot before it is parsed
 */
@ConfigurationProperties("hsg.evaluation")
public record EvaluationProperties(
        @DefaultValue("0") int slots, @DefaultValue("64KB") DataSize largeBody) {}

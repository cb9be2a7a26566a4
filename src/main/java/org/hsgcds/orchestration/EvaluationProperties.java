package org.hsgcds.orchestration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hsg.evaluation.*}: how many hook calls do their CPU-bound work at once, and which calls are large.
 *
 * @param slots calls evaluated at once; 0 (the default): one per processor
 * @param largeBody a call with a body at least this large is read whole and takes its slot before it is parsed
 * @param maxSlotWait the longest a hook call waits for a slot: beyond it the call is answered 503 and not evaluated
 *     (an EHR has stopped waiting long before); a call whose client hangs up meanwhile is dropped too
 */
@ConfigurationProperties("hsg.evaluation")
public record EvaluationProperties(
        @DefaultValue("0") int slots,
        @DefaultValue("64KB") DataSize largeBody,
        @DefaultValue("10s") Duration maxSlotWait) {}

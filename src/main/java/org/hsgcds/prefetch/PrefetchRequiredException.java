package org.hsgcds.prefetch;

/**
 * Data the rules need is neither in the prefetch nor obtainable from the EHR's FHIR server (none given, not
 * allowed, or it failed): the call cannot be answered safely. The web layer answers 412.
 */
public final class PrefetchRequiredException extends RuntimeException {

    public PrefetchRequiredException(String message) {
        super(message);
    }
}

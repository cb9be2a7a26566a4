package org.hsgcds.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tells, from a hook call's {@code context} alone, that nothing in it can be an HSG order or appointment, so that
 * {@link HookContextDeserializer} can skip the prefetch. Implemented by the hook service, above this package.
 */
@FunctionalInterface
public interface HookContextScreen {

    /** True only when the context certainly holds no HSG order or appointment; when unsure, false. */
    boolean holdsNoHsgOrder(JsonNode context);
}

package org.hsgcds.cdshooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reads a hook call's {@code context} and notes, for {@link PrefetchDeserializer}, when none of its draft
 * orders can be an HSG order: the prefetch of such a call is never used, so it need not be kept.
 * Created by Spring's handler instantiator (with the hook service as its {@link HookContextScreen}); a plain ObjectMapper gets the
 * no-argument form, which notes nothing.
 */
final class HookContextDeserializer extends StdDeserializer<JsonNode> {

    static final String NO_HSG_ORDER = HookContextDeserializer.class.getName() + ".noHsgOrder";

    private final HookContextScreen hooks;

    HookContextDeserializer() {
        this(null);
    }

    @Autowired
    HookContextDeserializer(HookContextScreen hooks) {
        super(JsonNode.class);
        this.hooks = hooks;
    }

    @Override
    public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode hookContext = context.readTree(parser);
        if (hooks != null && hooks.holdsNoHsgOrder(hookContext)) {
            context.setAttribute(NO_HSG_ORDER, Boolean.TRUE);
        }
        return hookContext;
    }

    @Override
    public JsonNode getNullValue(DeserializationContext context) {
        return NullNode.getInstance();
    }
}

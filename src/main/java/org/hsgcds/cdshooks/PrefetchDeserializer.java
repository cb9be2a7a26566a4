package org.hsgcds.cdshooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps each prefetch value as buffered tokens, unless the context read before it holds no HSG order
 * ({@link HookContextDeserializer}): then the values are skipped, which is most of the cost of reading
 * such a call. Skipped keys are left out, not set to null, so if the values were needed after all they
 * would count as missing (fetched or 412), never as "no data".
 */
final class PrefetchDeserializer extends StdDeserializer<Map<String, TokenBuffer>> {

    PrefetchDeserializer() {
        super(Map.class);
    }

    @Override
    public Map<String, TokenBuffer> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT
                && Boolean.TRUE.equals(context.getAttribute(HookContextDeserializer.NO_HSG_ORDER))) {
            parser.skipChildren();
            return Map.of();
        }
        JavaType type = context.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, TokenBuffer.class);
        return context.readValue(parser, type);
    }
}

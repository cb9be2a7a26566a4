package org.hsgcds.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hsgcds.content.CardCatalog;
import org.hsgcds.content.CardDefinition;

/**
 * Card definitions written in tests as they are written in {@code cql/*.cards.json}: a JSON snippet read with the
 * binding the content loader uses (the records' canonical constructors, unknown fields refused), so a test card
 * says only what matters to it and main code needs no constructor for tests. Write snippets as text blocks.
 *
 * <pre>{@code
 * CardDefinition card = CardJson.card("""
 *         {"topic": "x", "topicDisplay": "X", "indicator": "critical", "summary": "S", "detail": "D"}
 *         """);
 * }</pre>
 */
public final class CardJson {

    private static final ObjectMapper LOADER_BINDING =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CardJson() {}

    /** One card, as an element of a card file's {@code cards} array. */
    public static CardDefinition card(String json) {
        return read(json, CardDefinition.class);
    }

    /** A whole card file; {@code overrideReasonDisplays} and {@code cards} are required, as in the content. */
    public static CardCatalog catalog(String json) {
        return read(json, CardCatalog.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return LOADER_BINDING.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}

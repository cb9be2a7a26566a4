package org.hsgcds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The body of a hook response. {@code cards} is always present, empty when there is nothing to say. {@code
 * extension} (CDS Hooks 2.0 extensions: clients ignore members they do not know) says which content version
 * produced the answer, under {@link #CONTENT_VERSION}.
 */
public record CdsResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> extension) {

    /** The extension member naming the content version ({@code /actuator/info} shows the same value). */
    public static final String CONTENT_VERSION = "org.hsgcds.content-version";

    public CdsResponse {
        cards = List.copyOf(cards);
        extension = extension == null ? Map.of() : Map.copyOf(extension);
    }

    public CdsResponse(List<Card> cards) {
        this(cards, Map.of());
    }

    public static CdsResponse empty() {
        return new CdsResponse(List.of());
    }

    /** This response, saying it was produced by content {@code version}. */
    public CdsResponse withContentVersion(String version) {
        return new CdsResponse(cards, Map.of(CONTENT_VERSION, version));
    }
}

package org.hsgcds.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of a hook response. {@code cards} is always present, empty when there is nothing to say. */
public record CdsResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards) {

    public CdsResponse {
        cards = List.copyOf(cards);
    }

    public static CdsResponse empty() {
        return new CdsResponse(List.of());
    }
}

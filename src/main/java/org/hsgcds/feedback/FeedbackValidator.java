package org.hsgcds.feedback;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hsgcds.cdshooks.Coding;
import org.hsgcds.cdshooks.FeedbackRequest;
import org.hsgcds.web.ApiRequestException;

/**
 * Checks a feedback body against CDS Hooks 2.0, item by item: a bad item is rejected naming its
 * field, the valid items beside it are kept. Only a body with no valid item at all is refused.
 */
final class FeedbackValidator {

    static final int MAX_ITEMS = 1000;
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TOKEN = Pattern.compile("\\S{1,100}");
    static final int MAX_SUGGESTIONS = 20;
    static final int EARLIEST_YEAR = 2000;
    static final int LATEST_YEAR = 2999;

    /** One item: the feedback to store, or why it was rejected. */
    record Checked(int index, Feedback feedback, String problem) {
        boolean valid() {
            return feedback != null;
        }
    }

    /** Every item checked; throws (400) when the body is not a feedback array or no item in it is valid. */
    List<Checked> validate(FeedbackRequest request) {
        if (request == null || request.feedback() == null) {
            throw ApiRequestException.badRequest("The body must be {\"feedback\": [...]} with one item per card");
        }
        if (request.feedback().isEmpty() || request.feedback().size() > MAX_ITEMS) {
            throw ApiRequestException.badRequest("feedback must hold between 1 and " + MAX_ITEMS + " items");
        }
        List<Checked> items = new ArrayList<>();
        for (int i = 0; i < request.feedback().size(); i++) {
            try {
                items.add(new Checked(
                        i, item("feedback[" + i + "]", request.feedback().get(i)), null));
            } catch (ApiRequestException e) {
                items.add(new Checked(i, null, e.getMessage()));
            }
        }
        if (items.stream().noneMatch(Checked::valid)) {
            throw ApiRequestException.badRequest(
                    items.get(0).problem() + (items.size() > 1 ? " (and no other item is valid either)" : ""));
        }
        return items;
    }

    private static Feedback item(String at, FeedbackRequest.Item item) {
        if (item == null) {
            throw bad(at, "must be an object");
        }
        if (item.card() == null || !UUID.matcher(item.card()).matches()) {
            throw bad(at + ".card", "must be the uuid of the card the feedback is about");
        }
        Feedback.Outcome outcome = outcome(at, item.outcome());
        List<String> accepted = new ArrayList<>();
        Coding reason = null;
        String comment = null;
        // CDS Hooks 2.0: acceptedSuggestions is required for accepted outcomes and allowed with others (a user
        // may take one suggestion and override the card); overrideReason is optional with either, but when
        // present holds a reason or a userComment; arrays and objects are never sent empty.
        if (outcome == Feedback.Outcome.ACCEPTED
                && (item.acceptedSuggestions() == null
                        || item.acceptedSuggestions().isEmpty())) {
            throw bad(at + ".acceptedSuggestions", "is required when the outcome is accepted");
        }
        if (item.acceptedSuggestions() != null) {
            if (item.acceptedSuggestions().isEmpty()) {
                throw bad(at + ".acceptedSuggestions", "must not be an empty array (leave it out)");
            }
            for (int s = 0; s < item.acceptedSuggestions().size(); s++) {
                FeedbackRequest.AcceptedSuggestion suggestion =
                        item.acceptedSuggestions().get(s);
                if (suggestion == null
                        || suggestion.id() == null
                        || !TOKEN.matcher(suggestion.id()).matches()) {
                    throw bad(at + ".acceptedSuggestions[" + s + "].id", "must be the suggestion's uuid");
                }
                accepted.add(suggestion.id());
            }
            // Stored joined in a 4,000-character column: more would fail the insert (it was a 500 that
            // lost the whole post). A card offers a handful of suggestions.
            if (accepted.size() > MAX_SUGGESTIONS || String.join(",", accepted).length() > 4000) {
                throw bad(at + ".acceptedSuggestions", "must name at most " + MAX_SUGGESTIONS + " suggestions");
            }
        }
        if (item.overrideReason() != null) {
            if (item.overrideReason().reason() == null && item.overrideReason().userComment() == null) {
                throw bad(
                        at + ".overrideReason", "must hold a reason or a userComment (an empty object is not allowed)");
            }
            reason = reason(at + ".overrideReason.reason", item.overrideReason().reason());
            comment = item.overrideReason().userComment();
            if (comment != null && comment.length() > 2000) {
                throw bad(at + ".overrideReason.userComment", "must be at most 2000 characters");
            }
        }
        return new Feedback(
                item.card().toLowerCase(Locale.ROOT),
                outcome,
                accepted,
                reason,
                comment,
                timestamp(at, item.outcomeTimestamp()));
    }

    private static Feedback.Outcome outcome(String at, String outcome) {
        if ("accepted".equals(outcome)) {
            return Feedback.Outcome.ACCEPTED;
        }
        if ("overridden".equals(outcome)) {
            return Feedback.Outcome.OVERRIDDEN;
        }
        throw bad(at + ".outcome", "must be 'accepted' or 'overridden'");
    }

    private static Coding reason(String at, Coding reason) {
        if (reason == null) {
            return null;
        }
        if (reason.code() == null || !TOKEN.matcher(reason.code()).matches()) {
            throw bad(at + ".code", "is required (the code of the override reason chosen)");
        }
        if (reason.system() == null
                || reason.system().isBlank()
                || reason.system().length() > 500) {
            throw bad(at + ".system", "is required (the code system of the override reason)");
        }
        if (reason.display() != null && reason.display().length() > 500) {
            throw bad(at + ".display", "must be at most 500 characters");
        }
        return reason;
    }

    private static OffsetDateTime timestamp(String at, String text) {
        if (text == null) {
            throw bad(at + ".outcomeTimestamp", "is required");
        }
        OffsetDateTime timestamp;
        try {
            timestamp = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw bad(
                    at + ".outcomeTimestamp",
                    "must be an ISO 8601 instant with a time zone, e.g. 2025-01-31T14:05:00Z");
        }
        // A year like +999999999 parses; it would be stored and skew every report that sorts by time.
        if (timestamp.getYear() < EARLIEST_YEAR || timestamp.getYear() > LATEST_YEAR) {
            throw bad(at + ".outcomeTimestamp", "must lie between the years " + EARLIEST_YEAR + " and " + LATEST_YEAR);
        }
        return timestamp;
    }

    private static ApiRequestException bad(String field, String problem) {
        return ApiRequestException.badRequest(field + " " + problem);
    }
}

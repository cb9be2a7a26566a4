package org.hsgcds.feedback;

import org.hsgcds.cdshooks.FeedbackRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** CDS Hooks 2.0 feedback: what the clinician did with each card. */
@RestController
class FeedbackController {

    private final FeedbackService feedback;

    FeedbackController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @PostMapping(
            path = "/cds-services/{id}/feedback",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    FeedbackReceipt receive(@PathVariable("id") String id, @RequestBody(required = false) FeedbackRequest request) {
        return feedback.receive(id, request);
    }
}

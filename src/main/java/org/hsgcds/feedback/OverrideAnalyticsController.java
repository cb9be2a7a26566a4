package org.hsgcds.feedback;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For the people who maintain the rules: which cards are overridden, how often and why. */
@RestController
class OverrideAnalyticsController {

    private final OverrideAnalytics analytics;

    OverrideAnalyticsController(OverrideAnalytics analytics) {
        this.analytics = analytics;
    }

    @GetMapping(path = "/analytics/overrides", produces = MediaType.APPLICATION_JSON_VALUE)
    OverrideReport overrides(
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to) {
        return analytics.report(from, to);
    }
}

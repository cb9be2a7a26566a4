package org.hsgcds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;

/** A draft HSG order taken from the hook context: its reference, the JSON the EHR sent and its planned date. */
record DraftOrder(String reference, JsonNode json, LocalDate plannedDate) {
}

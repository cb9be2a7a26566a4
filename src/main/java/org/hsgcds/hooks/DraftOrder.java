package org.hsgcds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.hsgcds.evaluation.PlannedDate;

/** A draft HSG order taken from the hook context: its reference, the JSON the EHR sent and its planned date. */
record DraftOrder(String reference, JsonNode json, PlannedDate planned) {
}

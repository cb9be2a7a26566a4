package org.hsgcds.check;

import com.fasterxml.jackson.databind.JsonNode;
import org.hsgcds.evaluation.PlannedDate;

/**
 * An HSG order the cards are about: its reference ({@code ServiceRequest/<id>}), the JSON as the EHR (or the command
 * line) gave it, which suggestions patch, and its planned date.
 */
public record HsgOrder(String reference, JsonNode json, PlannedDate planned) {}

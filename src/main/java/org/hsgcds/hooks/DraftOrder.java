package org.hsgcds.hooks;

import java.time.LocalDate;

/** A draft HSG order taken from the hook context: its reference and the date it is planned for. */
record DraftOrder(String reference, LocalDate plannedDate) {
}

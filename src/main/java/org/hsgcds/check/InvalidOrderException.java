package org.hsgcds.check;

/** An HSG order that cannot be checked as given (its date is not a FHIR date, or out of the rules' range). */
public final class InvalidOrderException extends RuntimeException {

    public InvalidOrderException(String message) {
        super(message);
    }
}

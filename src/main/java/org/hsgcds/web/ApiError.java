package org.hsgcds.web;

/** The JSON body of every error response: a machine-readable code and a sentence for a person. */
public record ApiError(int status, String error, String message) {}

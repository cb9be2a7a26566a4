package org.hsgcds.cdshooks;

/** A FHIR Coding as CDS Hooks uses it (card topic, override reasons). */
public record Coding(String system, String code, String display) {}

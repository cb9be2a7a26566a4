package org.hsgcds.evaluation;

/** A CQL interval as the project sees it: its bounds already converted ({@code LocalDate}, numbers, …); either may be null. */
public record RuleInterval(Object start, Object end) {}

package dev.lbops.model;

/** A {@code timeout <name> <value>} line of HAProxy's defaults, value in HAProxy time syntax. */
public record Timeout(String name, String value) {}

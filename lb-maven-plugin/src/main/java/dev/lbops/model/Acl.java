package dev.lbops.model;

/** An {@code acl <name> <criterion>} line. */
public record Acl(String name, String criterion) {}

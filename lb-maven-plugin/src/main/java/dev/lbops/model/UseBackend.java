package dev.lbops.model;

/** A {@code use_backend <backend> if <condition>} line. */
public record UseBackend(String backend, String condition, Origin origin) {}

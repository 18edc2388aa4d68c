package dev.lbops.model;

/** HAProxy's runtime API socket ({@code stats socket}). */
public record RuntimeApi(String path, String mode, String level) {}

package dev.lbops.model;

import dev.lbops.core.Secret;

/**
 * VRRP authentication; the password comes from a {@code settings.xml} server.
 *
 * @param type {@code PASS} or {@code AH}
 */
public record VrrpAuthentication(String type, String serverId, Secret password, Origin origin) {}

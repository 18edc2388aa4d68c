package dev.lbops.model;

import dev.lbops.core.Secret;

/** HAProxy's statistics page, its credentials taken from a {@code settings.xml} server. */
public record Stats(
    Bind bind,
    String uri,
    boolean admin,
    String serverId,
    String username,
    Secret password,
    Origin origin) {}

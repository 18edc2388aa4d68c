package dev.lbops.core;

import java.util.Optional;

/** Looks up credentials by server id; in Maven, the servers of {@code settings.xml}. */
@FunctionalInterface
public interface CredentialSource {

  Optional<ServerCredentials> server(String id);

  CredentialSource NONE = id -> Optional.empty();
}

package dev.lbops.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host keys: a key of another type than the recorded one is a changed key. */
class StrictKnownHostsTest {

  @TempDir Path dir;

  private static PublicKey key(String algorithm) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("RSA")) {
      generator.initialize(2048);
    }
    return generator.generateKeyPair().getPublic();
  }

  private static String line(String host, PublicKey key) {
    return host
        + " "
        + KeyType.fromKey(key)
        + " "
        + Base64.getEncoder()
            .encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
  }

  @Test
  void aKeyOfAnotherTypeForAKnownHost_isRefusedAsChanged_evenWhenAcceptingNewKeys()
      throws Exception {
    PublicKey recorded = key("Ed25519");
    PublicKey offered = key("RSA");
    Path file = Files.writeString(dir.resolve("known_hosts"), line("198.18.0.11", recorded) + "\n");
    String before = Files.readString(file);

    StrictKnownHosts verifier = StrictKnownHosts.of(file, true);

    assertThat(verifier.verify("198.18.0.11", 22, offered)).isFalse();
    assertThat(verifier.accepted()).isEmpty();
    assertThat(verifier.refusal())
        .startsWith(
            "its host key CHANGED: it offered ssh-rsa " + StrictKnownHosts.fingerprint(offered))
        .contains(
            "records ssh-ed25519 "
                + StrictKnownHosts.fingerprint(recorded)
                + " for it (a key of"
                + " another type is a changed key too)")
        .contains("ssh-keygen -R 198.18.0.11 -f " + file)
        .doesNotContain("ssh-keyscan");
    assertThat(Files.readString(file)).as("nothing recorded").isEqualTo(before);
  }

  @Test
  void aChangedKeyOfTheSameType_showsBothFingerprints_andNeverSuggestsKeyscan() throws Exception {
    PublicKey recorded = key("Ed25519");
    PublicKey offered = key("Ed25519");
    Path file =
        Files.writeString(dir.resolve("known_hosts"), line("[198.18.0.11]:2222", recorded) + "\n");

    StrictKnownHosts verifier = StrictKnownHosts.of(file, false);

    assertThat(verifier.verify("198.18.0.11", 2222, offered)).isFalse();
    assertThat(verifier.refusal())
        .contains(
            "its host key CHANGED: it offered ssh-ed25519 " + StrictKnownHosts.fingerprint(offered))
        .contains("records ssh-ed25519 " + StrictKnownHosts.fingerprint(recorded))
        .doesNotContain("ssh-keyscan");
  }

  @Test
  void anUnknownHost_isStillAcceptedOnFirstUse_whenAsked_andRecorded() throws Exception {
    PublicKey other = key("Ed25519");
    PublicKey offered = key("RSA");
    Path file = Files.writeString(dir.resolve("known_hosts"), line("198.18.0.12", other) + "\n");

    StrictKnownHosts verifier = StrictKnownHosts.of(file, true);

    assertThat(verifier.verify("198.18.0.11", 22, offered)).isTrue();
    assertThat(verifier.accepted()).contains("accepted the new host key ssh-rsa");
    assertThat(Files.readString(file)).contains("198.18.0.11 ssh-rsa ");
    assertThat(StrictKnownHosts.of(file, false).verify("198.18.0.11", 22, offered)).isTrue();
  }

  @Test
  void anUnknownHost_isRefusedInStrictMode_pointingToKeyscan()
      throws IOException, GeneralSecurityException {
    Path file = dir.resolve("known_hosts");

    StrictKnownHosts verifier = StrictKnownHosts.of(file, false);

    assertThat(verifier.verify("198.18.0.11", 22, key("Ed25519"))).isFalse();
    assertThat(verifier.refusal())
        .contains("its host key is not in")
        .contains("ssh-keyscan -t ssh-ed25519");
  }
}

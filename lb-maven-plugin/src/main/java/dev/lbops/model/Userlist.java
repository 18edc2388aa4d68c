package dev.lbops.model;

import dev.lbops.core.Secret;
import java.util.List;

/**
 * A {@code userlist} for HTTP basic auth; users and passwords come from settings.xml servers.
 *
 * @param lines free lines, such as {@code group} lines
 */
public record Userlist(String name, List<User> users, List<FreeLine> lines, Origin origin) {

  public Userlist {
    users = List.copyOf(users);
    lines = List.copyOf(lines);
  }

  /**
   * One user.
   *
   * @param password a crypt(3) hash when it starts with {@code $}, else clear text
   * @param origin where the user was written (its {@code server_id} names the settings.xml server)
   */
  public record User(String name, Secret password, String serverId, Origin origin) {

    public boolean passwordIsHashed() {
      return password.reveal().startsWith("$");
    }
  }
}

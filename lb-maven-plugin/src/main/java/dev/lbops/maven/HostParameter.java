package dev.lbops.maven;

import java.util.List;
import java.util.Map;

/** A {@code <host>} of the plugin's {@code <hosts>} configuration. */
public class HostParameter {

  /** The host's name: the {@code {hostname}} of CMDB lookups. */
  String name;

  /** Where to reach it over SSH; defaults to the name. */
  String address;

  /** The SSH port. */
  int port = 22;

  /** The SSH user; defaults to the settings.xml server's username, else root. */
  String user;

  /** The id of a settings.xml server holding username, password, privateKey and passphrase. */
  String serverId;

  /** The operating system, for {@code {operatingsystem}} lookups before the host is contacted. */
  String os;

  /** The inventory groups the host belongs to; empty means every group. */
  List<String> groups;

  /** Further attributes, each usable as a macro in the CMDB lookup path. */
  Map<String, String> attributes;
}

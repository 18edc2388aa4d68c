package dev.lbops.validate;

import dev.lbops.core.Problem;
import dev.lbops.model.Backend;
import dev.lbops.model.Cache;
import dev.lbops.model.FreeLine;
import dev.lbops.model.Frontend;
import dev.lbops.model.HaproxyConfig;
import dev.lbops.model.HostConfig;
import dev.lbops.model.HttpErrors;
import dev.lbops.model.KeepalivedConfig;
import dev.lbops.model.Listen;
import dev.lbops.model.LvsCheck;
import dev.lbops.model.LvsService;
import dev.lbops.model.RealServer;
import dev.lbops.model.Userlist;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for free lines, in every section of both files: a free line may not open a section
 * (nor a block or conditional that swallows the lines after it), and may not say what a dedicated
 * key owns: a secret (which would sit in the CMDB in clear), a bind, a VIP, a server or a command
 * (which the key's checks would not see). That they hold no line break, control character or
 * comment sign was checked where they were read.
 */
final class FreeLineRules {

  /** The sections a free line can be written into. */
  enum Section {
    GLOBAL,
    DEFAULTS,
    FRONTEND,
    BACKEND,
    LISTEN,
    USERLIST,
    CACHE,
    HTTP_ERRORS,
    STATS,
    GLOBAL_DEFS,
    SYNC_GROUP,
    VRRP_INSTANCE,
    VIRTUAL_SERVER,
    REAL_SERVER,
    CHECKER;

    boolean isKeepalived() {
      return ordinal() >= GLOBAL_DEFS.ordinal();
    }
  }

  /** HAProxy's section keywords (2.6): a line starting with one opens a section. */
  private static final Set<String> HAPROXY_SECTIONS =
      Set.of(
          "global",
          "defaults",
          "frontend",
          "backend",
          "listen",
          "userlist",
          "peers",
          "resolvers",
          "mailers",
          "cache",
          "http-errors",
          "ring",
          "program",
          "log-forward",
          "fcgi-app",
          "namespace_list",
          "dynamic-update");

  /** Keepalived's top-level blocks and what opens or includes one. */
  private static final Set<String> KEEPALIVED_SECTIONS =
      Set.of(
          "global_defs",
          "vrrp_instance",
          "vrrp_script",
          "vrrp_sync_group",
          "vrrp_track_file",
          "track_file",
          "vrrp_track_process",
          "track_process",
          "virtual_server",
          "virtual_server_group",
          "real_server",
          "static_ipaddress",
          "static_routes",
          "static_rules",
          "linkbeat_interfaces",
          "garp_group",
          "bfd_instance",
          "net_namespace",
          "instance",
          "include");

  /** Words that put a secret on the line, in either file. */
  private static final Pattern SECRET =
      Pattern.compile(
          "(?i)(^|\\s)(password|insecure-password|auth_pass)(\\s|$)|^\\s*stats\\s+auth(\\s|$)");

  /** HAProxy keywords a dedicated key owns, by section, with that key. */
  private static final Map<String, String> HAPROXY_OWNED =
      Map.ofEntries(
          Map.entry("bind", "bind"),
          Map.entry("server", "server"),
          Map.entry("mode", "mode"),
          Map.entry("balance", "balance"),
          Map.entry("source", "send_client_ip or source"),
          Map.entry("default_backend", "default_backend"),
          Map.entry("use_backend", "use_backend"),
          Map.entry("user", "haproxy_user (or the users of a userlist)"),
          Map.entry("group", "haproxy_group"),
          Map.entry("uid", "haproxy_global.uid"),
          Map.entry("gid", "haproxy_global.gid"),
          Map.entry("stats socket", "runtime_api"));

  /** Keepalived keywords a dedicated key owns, with that key. */
  private static final Map<String, String> KEEPALIVED_OWNED =
      Map.ofEntries(
          Map.entry("state", "state"),
          Map.entry("priority", "priority"),
          Map.entry("interface", "interface"),
          Map.entry("virtual_router_id", "router_id"),
          Map.entry("router_id", "keepalived_router_id"),
          Map.entry("advert_int", "advert_int"),
          Map.entry("authentication", "authentication"),
          Map.entry("auth_type", "authentication"),
          Map.entry("virtual_ipaddress", "virtual_ips"),
          Map.entry("virtual_ipaddress_excluded", "virtual_ips"),
          Map.entry("unicast_peer", "unicast_peer"),
          Map.entry("unicast_src_ip", "unicast_src_ip"),
          Map.entry("nopreempt", "nopreempt"),
          Map.entry("preempt_delay", "preempt_delay"),
          Map.entry("track_script", "track_haproxy"),
          Map.entry("script_user", "keepalived_global_defs.script_user"),
          Map.entry("enable_script_security", "keepalived_global_defs.enable_script_security"),
          Map.entry("weight", "weight"),
          Map.entry("sorry_server", "sorry_server"));

  /** Keepalived keywords that run a command: the dedicated keys check it is a plain command. */
  private static final Pattern KEEPALIVED_COMMAND =
      Pattern.compile("(?i)^(notify\\w*|script|misc_path|quorum_up|quorum_down)$");

  private final String host;
  private final List<Problem> problems = new ArrayList<>();

  private FreeLineRules(String host) {
    this.host = host;
  }

  /** Every problem of the host's free lines. */
  static List<Problem> check(HostConfig host) {
    FreeLineRules rules = new FreeLineRules(host.name());
    rules.haproxy(host.haproxy());
    rules.keepalived(host.keepalived());
    return rules.problems;
  }

  private void haproxy(HaproxyConfig haproxy) {
    all(haproxy.global().lines(), Section.GLOBAL);
    all(haproxy.defaults().lines(), Section.DEFAULTS);
    for (Frontend frontend : haproxy.frontends()) {
      all(frontend.lines(), Section.FRONTEND);
    }
    for (Backend backend : haproxy.backends()) {
      proxy(backend, Section.BACKEND);
    }
    for (Listen listen : haproxy.listens()) {
      proxy(listen.proxy(), Section.LISTEN);
    }
    for (Userlist list : haproxy.userlists()) {
      all(list.lines(), Section.USERLIST);
    }
    for (Cache cache : haproxy.caches()) {
      all(cache.lines(), Section.CACHE);
    }
    for (HttpErrors errors : haproxy.httpErrors()) {
      all(errors.lines(), Section.HTTP_ERRORS);
    }
    if (haproxy.stats() != null) {
      all(haproxy.stats().lines(), Section.STATS);
    }
  }

  private void proxy(Backend proxy, Section section) {
    all(proxy.httpLines(), section);
    all(proxy.tcpLines(), section);
    all(proxy.lines(), section);
  }

  private void keepalived(KeepalivedConfig keepalived) {
    all(keepalived.globalDefs().lines(), Section.GLOBAL_DEFS);
    all(keepalived.syncGroupLines(), Section.SYNC_GROUP);
    List<LvsService> services = new ArrayList<>();
    for (VrrpInstance instance : keepalived.instances()) {
      all(instance.lines(), Section.VRRP_INSTANCE);
      instance.virtualIps().stream()
          .map(VirtualIp::lvs)
          .filter(lvs -> lvs != null)
          .forEach(services::add);
    }
    keepalived.virtualServers().forEach(server -> services.add(server.service()));
    for (LvsService service : services) {
      all(service.lines(), Section.VIRTUAL_SERVER);
      for (RealServer real : service.realServers()) {
        all(real.lines(), Section.REAL_SERVER);
        for (LvsCheck check : real.checks()) {
          all(check.lines(), Section.CHECKER);
        }
      }
    }
  }

  private void all(List<FreeLine> lines, Section section) {
    lines.forEach(line -> check(line, section));
  }

  /** The rule. */
  private void check(FreeLine line, Section section) {
    String text = line.text().strip();
    String keyword = line.keyword();
    if (section.isKeepalived()
        ? opensKeepalivedSection(text, keyword)
        : opensHaproxySection(text, keyword)) {
      refuse(
          line,
          "free line '"
              + text
              + "' opens a section or block of its own, which would take in the lines written after it",
          "write the section with its own key (see the CMDB reference), or keep the line inside"
              + " this one");
    } else if (SECRET.matcher(text).find()) {
      refuse(
          line,
          "free line holds a secret, which would sit in the CMDB in clear",
          "use the dedicated key with a settings.xml server: stats.server_id, userlists users, or"
              + " vrrp authentication.server_id");
    } else if (section.isKeepalived() && KEEPALIVED_COMMAND.matcher(keyword).matches()) {
      refuse(
          line,
          "free line runs a command ('" + keyword + "'), which only the dedicated keys check",
          "use the key for it (notify_master, misc_check.misc_path...), which takes an absolute"
              + " path and plain words");
    } else {
      String owner = owner(text, keyword, section);
      if (owner != null) {
        refuse(
            line,
            "free line '"
                + text
                + "' says what '"
                + owner
                + "' says, whose checks it would pass by",
            "write it with '" + owner + "'");
      }
    }
  }

  private static boolean opensHaproxySection(String text, String keyword) {
    return HAPROXY_SECTIONS.contains(keyword) || text.startsWith(".");
  }

  /**
   * A Keepalived line opens a block when its braces do not close on the line, names a top-level
   * block, or is a conditional ({@code @host}), a definition ({@code $NAME=}) or a sequence.
   */
  private static boolean opensKeepalivedSection(String text, String keyword) {
    int depth = 0;
    for (char c : text.toCharArray()) {
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth < 0) {
        return true;
      }
    }
    return depth != 0
        || KEEPALIVED_SECTIONS.contains(keyword)
        || text.startsWith("@")
        || text.startsWith("$")
        || text.startsWith("~");
  }

  /** The key that owns what the line says, or {@code null}. */
  private static String owner(String text, String keyword, Section section) {
    if (section.isKeepalived()) {
      return KEEPALIVED_OWNED.get(keyword);
    }
    String[] words = text.toLowerCase().split("\\s+");
    if (words.length > 1 && HAPROXY_OWNED.containsKey(words[0] + " " + words[1])) {
      return HAPROXY_OWNED.get(words[0] + " " + words[1]);
    }
    if (keyword.equals("source") && !text.contains("usesrc")) {
      return null;
    }
    if (section == Section.USERLIST && (keyword.equals("group"))) {
      return null;
    }
    return HAPROXY_OWNED.get(keyword);
  }

  private void refuse(FreeLine line, String message, String hint) {
    problems.add(Problem.error(line.location(), host, line.key(), message, hint));
  }
}

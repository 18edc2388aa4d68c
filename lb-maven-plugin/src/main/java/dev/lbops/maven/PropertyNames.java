package dev.lbops.maven;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Every user property the plugin reads, in one place: {@code lb.} and the parameter's name; a
 * goal's own skip is {@code lb.<goal>.skip}.
 */
public final class PropertyNames {

  public static final String SKIP = "lb.skip";
  public static final String TIMINGS = "lb.timings";
  public static final String VALIDATE_SKIP = "lb.validate.skip";
  public static final String RENDER_SKIP = "lb.render.skip";
  public static final String EXPLAIN_SKIP = "lb.explain.skip";
  public static final String PACKAGE_SKIP = "lb.package.skip";
  public static final String STATUS_SKIP = "lb.status.skip";
  public static final String DIFF_SKIP = "lb.diff.skip";
  public static final String DEPLOY_SKIP = "lb.deploy.skip";
  public static final String SETUP_SKIP = "lb.setup.skip";
  public static final String VERIFY_SKIP = "lb.verify.skip";
  public static final String REHEARSE_SKIP = "lb.rehearse.skip";
  public static final String LAB_UP_SKIP = "lb.lab-up.skip";
  public static final String LAB_DOWN_SKIP = "lb.lab-down.skip";
  public static final String IMPORT_REX_SKIP = "lb.import-rex.skip";
  public static final String DRAIN_SKIP = "lb.drain.skip";
  public static final String READY_SKIP = "lb.ready.skip";

  public static final String INVENTORY = "lb.inventory";
  public static final String GROUP = "lb.group";
  public static final String CMDB_DIRECTORY = "lb.cmdbDirectory";
  public static final String ENVIRONMENT = "lb.environment";
  public static final String LOOKUP_PATH = "lb.lookupPath";
  public static final String MERGE_STRATEGY = "lb.mergeStrategy";
  public static final String LIST_MERGE = "lb.listMerge";
  public static final String KEY = "lb.key";

  public static final String OUTPUT_DIRECTORY = "lb.outputDirectory";
  public static final String TEMPLATE_DIRECTORY = "lb.templateDirectory";
  public static final String CHECK_WITH_TOOLS = "lb.checkWithTools";
  public static final String FILES_DIRECTORY = "lb.filesDirectory";
  public static final String CERTIFICATE_WARN_DAYS = "lb.certificateWarnDays";
  public static final String OUTPUT_TIMESTAMP = "lb.outputTimestamp";

  public static final String KNOWN_HOSTS = "lb.knownHosts";
  public static final String ACCEPT_NEW_HOST_KEYS = "lb.acceptNewHostKeys";
  public static final String CONNECT_TIMEOUT = "lb.connectTimeout";
  public static final String COMMAND_TIMEOUT = "lb.commandTimeout";

  public static final String ONLY = "lb.only";
  public static final String DRY_RUN = "lb.dryRun";
  public static final String FORCE = "lb.force";
  public static final String PARALLELISM = "lb.parallelism";
  public static final String ROLLBACK = "lb.rollback";
  public static final String LOCK_TIMEOUT = "lb.lockTimeout";
  public static final String LOCK_LEASE = "lb.lockLease";
  public static final String BREAK_LOCK = "lb.breakLock";
  public static final String FAIL_ON_DIFF = "lb.failOnDiff";

  public static final String SERVERS = "lb.servers";
  public static final String DRAIN_TIMEOUT = "lb.drainTimeout";
  public static final String READY_TIMEOUT = "lb.readyTimeout";

  public static final String SETTLE_SECONDS = "lb.settleSeconds";
  public static final String VERIFY_REPORT_DIRECTORY = "lb.verifyReportDirectory";
  public static final String DRILL = "lb.drill";
  public static final String DRILL_MODES = "lb.drillModes";
  public static final String MAX_FAILOVER_MILLIS = "lb.maxFailoverMillis";
  public static final String PROBE_INTERVAL_MILLIS = "lb.probeIntervalMillis";
  public static final String PROBE_TIMEOUT_MILLIS = "lb.probeTimeoutMillis";
  public static final String PROBE_HOST = "lb.probeHost";

  public static final String LAB_DIRECTORY = "lb.labDirectory";
  public static final String LAB_NAME = "lb.labName";
  public static final String LAB_KIND = "lb.labKind";
  public static final String LAB_LOAD_BALANCERS = "lb.labLoadBalancers";
  public static final String LAB_BACKENDS = "lb.labBackends";
  public static final String KEEP_LAB = "lb.keepLab";
  public static final String REHEARSAL_DIRECTORY = "lb.rehearsalDirectory";

  public static final String REX_PROJECT = "lb.rexProject";
  public static final String IMPORT_DIRECTORY = "lb.importDirectory";

  /** The names of 0.1.0's snapshots that were renamed, each with its new name. */
  static final Map<String, String> RENAMED =
      Map.ofEntries(
          Map.entry("lb.hosts", ONLY),
          Map.entry("lb.render.check", CHECK_WITH_TOOLS),
          Map.entry("lb.verify.settle", SETTLE_SECONDS),
          Map.entry("lb.verify.reportDirectory", VERIFY_REPORT_DIRECTORY),
          Map.entry("lb.drill.modes", DRILL_MODES),
          Map.entry("lb.drill.probeHost", PROBE_HOST),
          Map.entry("lb.probe.interval", PROBE_INTERVAL_MILLIS),
          Map.entry("lb.probe.timeout", PROBE_TIMEOUT_MILLIS),
          Map.entry("lb.lab.directory", LAB_DIRECTORY),
          Map.entry("lb.lab.name", LAB_NAME),
          Map.entry("lb.lab.kind", LAB_KIND),
          Map.entry("lb.lab.loadBalancers", LAB_LOAD_BALANCERS),
          Map.entry("lb.lab.backends", LAB_BACKENDS),
          Map.entry("lb.lab.keep", KEEP_LAB),
          Map.entry("lb.rehearse.directory", REHEARSAL_DIRECTORY));

  /**
   * The renamed properties set in any of {@code properties}, each as "old was renamed: use new",
   * sorted. A build that still passes {@code -Dlb.hosts} must not deploy to every host.
   */
  static Stream<String> renamedIn(Properties... properties) {
    return RENAMED.entrySet().stream()
        .filter(renamed -> Stream.of(properties).anyMatch(set -> set.containsKey(renamed.getKey())))
        .map(renamed -> renamed.getKey() + " was renamed: use " + renamed.getValue())
        .sorted();
  }

  private PropertyNames() {}
}

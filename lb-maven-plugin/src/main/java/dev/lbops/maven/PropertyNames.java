package dev.lbops.maven;

/** Every user property the plugin reads, in one place. */
public final class PropertyNames {

  public static final String SKIP = "lb.skip";
  public static final String VALIDATE_SKIP = "lb.validate.skip";
  public static final String RENDER_SKIP = "lb.render.skip";
  public static final String CMDB_DIRECTORY = "lb.cmdbDirectory";
  public static final String INVENTORY = "lb.inventory";
  public static final String GROUP = "lb.group";
  public static final String ENVIRONMENT = "lb.environment";
  public static final String LOOKUP_PATH = "lb.lookupPath";
  public static final String MERGE_STRATEGY = "lb.mergeStrategy";
  public static final String OUTPUT_DIRECTORY = "lb.outputDirectory";
  public static final String TEMPLATE_DIRECTORY = "lb.templateDirectory";
  public static final String RENDER_CHECK = "lb.render.check";
  public static final String KEY = "lb.key";
  public static final String DEPLOY_SKIP = "lb.deploy.skip";
  public static final String DRY_RUN = "lb.dryRun";
  public static final String HOSTS = "lb.hosts";
  public static final String PARALLELISM = "lb.parallelism";
  public static final String ROLLBACK = "lb.rollback";
  public static final String KNOWN_HOSTS = "lb.knownHosts";
  public static final String ACCEPT_NEW_HOST_KEYS = "lb.acceptNewHostKeys";
  public static final String CONNECT_TIMEOUT = "lb.connectTimeout";
  public static final String COMMAND_TIMEOUT = "lb.commandTimeout";
  public static final String LOCK_TIMEOUT = "lb.lockTimeout";
  public static final String FAIL_ON_DIFF = "lb.failOnDiff";
  public static final String VERIFY_SKIP = "lb.verify.skip";
  public static final String DRILL = "lb.drill";
  public static final String VERIFY_SETTLE = "lb.verify.settle";
  public static final String DRILL_MODES = "lb.drill.modes";
  public static final String MAX_FAILOVER_MILLIS = "lb.maxFailoverMillis";
  public static final String PROBE_INTERVAL = "lb.probe.interval";
  public static final String PROBE_TIMEOUT = "lb.probe.timeout";
  public static final String PROBE_HOST = "lb.drill.probeHost";
  public static final String VERIFY_REPORT_DIRECTORY = "lb.verify.reportDirectory";
  public static final String REHEARSE_SKIP = "lb.rehearse.skip";
  public static final String REHEARSE_DIRECTORY = "lb.rehearse.directory";
  public static final String LAB_KEEP = "lb.lab.keep";
  public static final String LAB_DIRECTORY = "lb.lab.directory";
  public static final String LAB_NAME = "lb.lab.name";
  public static final String LAB_KIND = "lb.lab.kind";
  public static final String LAB_LOAD_BALANCERS = "lb.lab.loadBalancers";
  public static final String LAB_BACKENDS = "lb.lab.backends";

  private PropertyNames() {}
}

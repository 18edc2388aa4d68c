package dev.lbops.operations;

import dev.lbops.binding.ClusterLoader;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.binding.DocumentedDefaults;
import dev.lbops.binding.LoadedCluster;
import dev.lbops.binding.ModelBinder;
import dev.lbops.cmdb.CmdbNode.Entry;
import dev.lbops.cmdb.ProvenanceWriter;
import dev.lbops.cmdb.ResolvedCmdb;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.deploy.ConnectedHosts;
import dev.lbops.deploy.DeployException;
import dev.lbops.deploy.DeployOptions;
import dev.lbops.deploy.DeployReport;
import dev.lbops.deploy.Deployer;
import dev.lbops.inventory.Host;
import dev.lbops.inventory.ServerIniReader;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.render.ClusterRenderer;
import dev.lbops.render.ConfigArchive;
import dev.lbops.render.FileReferences;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.ShippedFile;
import dev.lbops.render.ShippedFiles;
import dev.lbops.rotation.Rotation;
import dev.lbops.rotation.RotationOptions;
import dev.lbops.rotation.RotationReport;
import dev.lbops.validate.ClusterValidator;
import dev.lbops.verify.StatusTable;
import dev.lbops.verify.Verifier;
import dev.lbops.verify.VerifyOptions;
import dev.lbops.verify.VerifyReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The offline steps every goal builds on: load and validate the cluster, render it, explain it. */
public final class ClusterOperations {

  private final ClusterSpec spec;
  private final CredentialSource credentials;
  private final LbLog log;
  private final Set<String> shownWarnings;
  private Rendered rendered;

  /**
   * @param shownWarnings warnings already shown to the user in this build, so that goals run one
   *     after the other show each warning once; this pipeline adds the ones it shows
   */
  public ClusterOperations(
      ClusterSpec spec, CredentialSource credentials, LbLog log, Set<String> shownWarnings) {
    this.spec = spec;
    this.credentials = credentials;
    this.log = log;
    this.shownWarnings = shownWarnings;
  }

  public ClusterSpec spec() {
    return spec;
  }

  /** A pipeline for another cluster definition, with the same credentials, log and warnings. */
  public ClusterOperations withSpec(ClusterSpec other) {
    return new ClusterOperations(other, credentials, log, shownWarnings);
  }

  /**
   * Loads and validates the cluster, logging warnings.
   *
   * @throws ProblemsException listing every error, when there is any
   */
  public Cluster validate() {
    return validate(load(Map.of()));
  }

  private LoadedCluster load(Map<String, String> operatingSystems) {
    return log.timed(
        "reading the inventory and the CMDB",
        () -> new ClusterLoader(credentials).load(spec, operatingSystems));
  }

  private Cluster validate(LoadedCluster loaded) {
    List<Problem> problems = new ArrayList<>(loaded.problems());
    problems.addAll(
        log.timed(
            "validating the cluster",
            () -> new ClusterValidator().validate(loaded.cluster(), loaded.problems())));
    report(problems, "The cluster definition has errors");
    log.info(
        "Cluster valid: "
            + loaded.cluster().hosts().size()
            + " hosts ("
            + String.join(", ", loaded.cluster().hosts().stream().map(HostConfig::name).toList())
            + ")");
    return loaded.cluster();
  }

  /**
   * Validates, renders every host's configs into the output directory and checks them with the real
   * tools where installed.
   *
   * @return the files written
   * @throws ProblemsException when validation or a check fails
   */
  public List<Path> render(RenderOptions options) {
    return renderChecked(options).written();
  }

  /**
   * Deploys over SSH (or, in a dry run, computes the diff): loads and validates the cluster (bad
   * input fails before any host is contacted), connects to the hosts and reads their facts, renders
   * and checks as {@link #render} once, for the operating systems the hosts reported, then deploys
   * that on the open connections.
   *
   * @throws DeployException when a host fails; its report says how each was left
   */
  public DeployReport deploy(RenderOptions renderOptions, DeployOptions options) {
    Cluster validated =
        rendered != null && rendered.options().equals(renderOptions)
            ? rendered.cluster()
            : validate();
    Deployer deployer = new Deployer(credentials, log);
    try (ConnectedHosts hosts = deployer.connect(validated, options)) {
      Rendered current = renderChecked(renderOptions, hosts.operatingSystems(), validated);
      return deployer.deploy(
          hosts,
          current.cluster(),
          current.files(),
          current.shipped(),
          renderOptions.producedFor(),
          options);
    }
  }

  /**
   * Renders as {@link #render}, then writes the configs (secrets redacted) into one reproducible
   * zip.
   */
  public void archive(RenderOptions renderOptions, Path zip, Instant time) {
    Rendered rendered = renderChecked(renderOptions);
    ConfigArchive.write(rendered.cluster(), rendered.files(), rendered.shipped(), zip, time);
  }

  /**
   * Renders as {@link #render}, then proves the deployed pair: state, drift, traffic and the drills
   * the options ask for.
   */
  public VerifyReport verify(RenderOptions renderOptions, VerifyOptions options) {
    Rendered rendered = renderChecked(renderOptions);
    Host probeHost = options.probeHost().isEmpty() ? null : inventoryHost(options.probeHost());
    return new Verifier(credentials, log)
        .verify(rendered.cluster(), rendered.files(), rendered.shipped(), options, probeHost);
  }

  /**
   * lb:drain: loads and validates the cluster (for its hosts and their runtime API sockets alone:
   * nothing is rendered), then takes the servers out of rotation on every load balancer.
   */
  public RotationReport drain(RotationOptions options) {
    return new Rotation(credentials, log).drain(validate(), options);
  }

  /**
   * lb:ready: as {@link #drain}, then puts the servers back once every load balancer sees them up.
   */
  public RotationReport ready(RotationOptions options) {
    return new Rotation(credentials, log).ready(validate(), options);
  }

  /** Renders as {@link #render}, then reads every host: lb:status's table. */
  public List<String> status(RenderOptions renderOptions, VerifyOptions options) {
    Rendered rendered = renderChecked(renderOptions);
    Verifier.Status status = new Verifier(credentials, log).status(rendered.cluster(), options);
    return StatusTable.lines(rendered.cluster(), rendered.files(), status);
  }

  /** A host of the inventory file in any group, such as a probe host. */
  private Host inventoryHost(String name) {
    if (spec.inventoryFile() == null) {
      throw new ProblemsException(
          "Unknown probe host",
          List.of(
              Problem.error(
                  Location.UNKNOWN,
                  name,
                  "lb.probeHost",
                  "a probe host is looked up in a server.ini, and this build has none",
                  "name the server.ini with lb.inventory and list the probe host in a group of it")));
    }
    return new ServerIniReader()
        .find(spec.inventoryFile(), name)
        .orElseThrow(
            () ->
                new ProblemsException(
                    "Unknown probe host",
                    List.of(
                        Problem.error(
                            Location.of(spec.inventoryFile()),
                            name,
                            "lb.probeHost",
                            "no host '" + name + "' in any group of the inventory",
                            "add it, e.g. under [probe]: " + name + " address=..."))));
  }

  private record Rendered(
      RenderOptions options,
      Map<String, String> operatingSystems,
      Cluster cluster,
      List<RenderedFile> files,
      List<Path> written,
      List<ShippedFile> shipped) {}

  /** Rendered once per pipeline and options: lb:setup deploys and verifies the same files. */
  private Rendered renderChecked(RenderOptions options) {
    return renderChecked(options, Map.of(), null);
  }

  /**
   * Rendered for the operating systems the hosts reported, when the lookup path names {@code
   * {operatingsystem}} and the inventory does not give a host's; else as before. The cluster is
   * loaded again only to see which CMDB files the operating systems select, and validated again
   * only when they select others.
   *
   * @param validated the cluster as loaded and validated without the hosts' operating systems, or
   *     {@code null} to load and validate it here
   */
  private Rendered renderChecked(
      RenderOptions options, Map<String, String> reported, Cluster validated) {
    boolean byOs =
        spec.lookupPath().stream().anyMatch(entry -> entry.contains("{operatingsystem}"));
    Map<String, String> operatingSystems = byOs ? reported : Map.of();
    if (rendered != null && rendered.options().equals(options)) {
      if (rendered.operatingSystems().equals(operatingSystems)) {
        return rendered;
      }
      LoadedCluster loaded = load(operatingSystems);
      if (cmdbFiles(loaded.cluster()).equals(cmdbFiles(rendered.cluster()))) {
        return rendered; // the hosts' operating systems select no other CMDB file
      }
      log.info("The hosts' operating systems select other CMDB files: " + operatingSystems);
      rendered = renderAndCheck(options, operatingSystems, validate(loaded));
      return rendered;
    }
    Cluster cluster = validated != null ? validated : validate();
    if (!operatingSystems.isEmpty()) {
      LoadedCluster loaded = load(operatingSystems);
      if (!cmdbFiles(loaded.cluster()).equals(cmdbFiles(cluster))) {
        log.info("The hosts' operating systems select other CMDB files: " + operatingSystems);
        cluster = validate(loaded);
      }
    }
    rendered = renderAndCheck(options, operatingSystems, cluster);
    return rendered;
  }

  private static Map<String, List<String>> cmdbFiles(Cluster cluster) {
    return cluster.hosts().stream()
        .collect(Collectors.toMap(HostConfig::name, HostConfig::cmdbFiles));
  }

  private Rendered renderAndCheck(
      RenderOptions options, Map<String, String> operatingSystems, Cluster cluster) {
    ClusterRenderer renderer = new ClusterRenderer(options.templates());
    List<RenderedFile> files =
        log.timed(
            "rendering the configs (templates compiled)",
            () -> renderer.render(cluster, options.producedFor()));
    List<ShippedFile> shipped = ship(cluster, files, options);
    List<Path> written = renderer.write(files, options.outputDirectory());
    ShippedFiles.write(shipped, options.outputDirectory(), cluster);
    if (options.checkWithTools()) {
      long started = System.nanoTime();
      report(
          new LocalChecks(log).run(cluster, files, shipped, options.outputDirectory()),
          "A rendered config failed its check");
      log.timed("checking them here (haproxy -c, keepalived -t)", System.nanoTime() - started);
    }
    for (Path path : written) {
      log.info("Rendered " + Location.display(path));
    }
    for (ShippedFile file : shipped) {
      log.info(
          "Shipped with the configs: "
              + file.host()
              + ":"
              + file.path()
              + " from "
              + file.source());
    }
    return new Rendered(options, operatingSystems, cluster, files, written, shipped);
  }

  /** The files shipped with the configs, each certificate checked; problems fail the build. */
  private List<ShippedFile> ship(Cluster cluster, List<RenderedFile> files, RenderOptions options) {
    List<Problem> problems = new ArrayList<>();
    List<ShippedFile> shipped =
        ShippedFiles.collect(
            cluster,
            new ShippedFiles.Options(
                options.filesDirectory(), options.certificateWarnDays(), Instant.now()),
            FileReferences.of(files),
            problems);
    report(problems, "A file shipped with the configs has errors");
    return shipped;
  }

  /** Per host, the resolved value of a top-level CMDB key and the file:line behind each part. */
  public String explain(String key) {
    LoadedCluster loaded = new ClusterLoader(credentials).load(spec);
    StringBuilder out = new StringBuilder();
    for (Host host : loaded.inventoryHosts()) {
      ResolvedCmdb resolved;
      try {
        resolved = loaded.cmdb().resolve(host.lookupMacros(spec.environment()));
      } catch (ProblemsException e) {
        out.append(host.name()).append(": the CMDB cannot be read\n");
        e.problems().forEach(p -> out.append("  ").append(p.format()).append('\n'));
        continue;
      }
      out.append(host.name())
          .append(" (files in ")
          .append(Location.display(resolved.directory()))
          .append(", in lookup order: ")
          .append(String.join(", ", resolved.files()))
          .append(")\n");
      Optional<Entry> entry = ModelBinder.lookup(resolved, key);
      if (entry.isEmpty()) {
        out.append("  ")
            .append(key)
            .append(" is not set in any file: the default applies")
            .append(DocumentedDefaults.of(key).map(value -> ": " + value).orElse(""))
            .append('\n');
        continue;
      }
      new ProvenanceWriter()
          .write(entry.get())
          .lines()
          .forEach(line -> out.append("  ").append(line).append('\n'));
    }
    return out.toString();
  }

  private void report(List<Problem> found, String summary) {
    List<Problem> problems = Problem.mergeHosts(found);
    problems.stream()
        .filter(p -> !p.isError())
        .map(Problem::format)
        .filter(shownWarnings::add)
        .forEach(log::warn);
    List<Problem> errors = problems.stream().filter(Problem::isError).toList();
    if (!errors.isEmpty()) {
      throw new ProblemsException(
          summary + " (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + "):",
          errors);
    }
  }
}

package dev.lbops.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a verify run found: the cluster as seen, every check, and each drill's measurements.
 *
 * @param runningOnBackup the instances a backup holds at the end, and why
 */
public record VerifyReport(
    List<HostSummary> hosts,
    List<Check> checks,
    List<DrillResult> drills,
    List<DrillMode> drillModes,
    List<RunningOnBackup> runningOnBackup) {

  public VerifyReport {
    hosts = List.copyOf(hosts);
    checks = List.copyOf(checks);
    drills = List.copyOf(drills);
    drillModes = List.copyOf(drillModes);
    runningOnBackup = List.copyOf(runningOnBackup);
  }

  /** A host with its VRRP instances and services. */
  public record HostSummary(
      String name, String address, List<InstanceSummary> instances, Map<String, String> services) {

    public HostSummary {
      instances = List.copyOf(instances);
      services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }
  }

  /**
   * @param configuredState the state the CMDB starts it in
   * @param role what the host is now: MASTER, BACKUP, FAULT...
   */
  public record InstanceSummary(
      String name, String configuredState, int priority, List<String> vips, String role) {

    public InstanceSummary {
      vips = List.copyOf(vips);
    }
  }

  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  public List<Check> failures() {
    return checks.stream().filter(check -> !check.passed()).toList();
  }

  /** Lines for the build log: one per check. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (Check check : checks) {
      lines.add(
          String.format(
              "%-4s %-9s %-50s %s",
              check.passed() ? "ok" : "FAIL", check.group(), check.name(), check.message()));
    }
    return lines;
  }
}

package dev.lbops.lab;

/**
 * One host of a running lab.
 *
 * @param namespace its network namespace
 * @param pid the process that holds the host (tini for a load balancer, the server for a backend),
 *     or 0 for none
 * @param pidStartTime the kernel's start time of {@code pid}, so that a reused PID is never killed
 */
public record LabHost(
    String name, Role role, String address, String namespace, long pid, long pidStartTime) {}

package dev.lbops.core;

/** How serious a {@link Problem} is: errors fail the build, warnings are reported. */
public enum Severity {
  ERROR,
  WARNING
}

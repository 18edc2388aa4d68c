package dev.lbops.model;

/** The whole numbers a setting accepts, {@code min} to {@code max} inclusive. */
public record Range(int min, int max) {

  public boolean contains(long value) {
    return value >= min && value <= max;
  }
}

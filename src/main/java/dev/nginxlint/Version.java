package dev.nginxlint;

/** The tool's version, shown by --version and in reports. */
public final class Version {
  public static final String VERSION = "0.1.0";

  private Version() {}
}

package io.realcast.webhooks.app;

/** Exit codes of every realcast command. */
public final class ExitCodes {
  public static final int OK = 0;
  /** The command ran, but not everything succeeded (rejected lines, failed publishes). */
  public static final int FAILED = 1;
  /** Bad configuration or arguments: nothing was done. */
  public static final int CONFIG = 2;

  private ExitCodes() {}
}

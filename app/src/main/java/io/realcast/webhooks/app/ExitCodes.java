package io.realcast.webhooks.app;

/** Exit codes of every realcast command. */
final class ExitCodes {
  static final int OK = 0;
  /** The command ran, but not everything succeeded (rejected lines, failed publishes). */
  static final int FAILED = 1;
  /** Bad configuration or arguments: nothing was done. */
  static final int CONFIG = 2;

  private ExitCodes() {}
}

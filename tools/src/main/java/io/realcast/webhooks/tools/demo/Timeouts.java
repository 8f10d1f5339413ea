package io.realcast.webhooks.tools.demo;

import java.util.concurrent.TimeoutException;

/** Service start-up waits that time out are fatal to the demo: rethrown unchecked, with what timed out. */
final class Timeouts {
  interface Start {
    Object start() throws TimeoutException;
  }

  private Timeouts() {}

  static void unchecked(Start start) {
    try {
      start.start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("demo: a service did not start in time: " + e.getMessage(), e);
    }
  }
}

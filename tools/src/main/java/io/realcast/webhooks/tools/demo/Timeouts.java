package io.realcast.webhooks.tools.demo;

import java.util.concurrent.TimeoutException;

/** Service start-up waits that time out are fatal to the demo: rethrown unchecked, with what timed out. */
final class Timeouts {
  interface Start<T> {
    T start() throws TimeoutException;
  }

  private Timeouts() {}

  static <T> T unchecked(Start<T> start) {
    try {
      return start.start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("demo: a service did not start in time: " + e.getMessage(), e);
    }
  }
}

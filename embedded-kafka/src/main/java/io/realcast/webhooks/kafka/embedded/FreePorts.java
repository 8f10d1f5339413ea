package io.realcast.webhooks.kafka.embedded;

import io.realcast.webhooks.kafka.embedded.internal.BrokerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a free port on 127.0.0.1, for the broker and for test servers and child processes that must be told
 * their port in advance. The port is released before the broker binds it, so another
 * process could take it in between; the kernel hands out ephemeral ports in a spread-out order,
 * which makes that rare. Ports are picked up front because the controller's port is part of the
 * quorum setting and a forked broker must come back on the same ports after a restart.
 */
public final class FreePorts {
  private static final String HOST = BrokerSettings.HOST;

  private FreePorts() {}

  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  /** {@code port} itself, or a free one when it is 0. */
  public static int resolve(int port, int unlike) {
    if (port != 0) {
      return port;
    }
    int picked = pick();
    while (picked == unlike) {
      picked = pick();
    }
    return picked;
  }
}

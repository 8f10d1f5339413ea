package io.realcast.webhooks.kafka.embedded.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/** Waits until a broker answers a real request, not just until its port is open. */
public final class BrokerReadiness {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final int ATTEMPT_TIMEOUT_MS = 2_000;

  private BrokerReadiness() {}

  /**
   * Polls until {@code describeCluster} lists this node, or throws once {@code timeout} has passed.
   * {@code stillStarting} runs before every attempt; it throws to fail fast, e.g. when a child
   * process has exited.
   */
  public static void awaitServing(int brokerPort, Duration timeout, Runnable stillStarting) {
    long deadline = System.nanoTime() + timeout.toNanos();
    // Only talk Kafka once the port accepts, so the admin client does not log refused connections.
    while (!accepts(brokerPort)) {
      stillStarting.run();
      pauseUntilNextPoll(deadline, brokerPort, timeout);
    }
    try (Admin admin = Admin.create(adminSettings(brokerPort))) {
      while (!listsThisNode(admin)) {
        stillStarting.run();
        pauseUntilNextPoll(deadline, brokerPort, timeout);
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(BrokerSettings.HOST, port), ATTEMPT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean listsThisNode(Admin admin) {
    try {
      return admin.describeCluster().nodes().get(ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS).stream()
          .mapToInt(Node::id)
          .anyMatch(id -> id == BrokerSettings.NODE_ID);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    }
  }

  private static Map<String, Object> adminSettings(int brokerPort) {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        BrokerSettings.HOST + ":" + brokerPort,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
        ATTEMPT_TIMEOUT_MS,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        ATTEMPT_TIMEOUT_MS,
        AdminClientConfig.CLIENT_ID_CONFIG,
        "realcast-broker-readiness");
  }

  private static void pauseUntilNextPoll(long deadline, int brokerPort, Duration timeout) {
    if (System.nanoTime() >= deadline) {
      throw new IllegalStateException(
          "broker on "
              + BrokerSettings.HOST
              + ":"
              + brokerPort
              + " did not serve requests within "
              + timeout);
    }
    LockSupport.parkNanos(POLL_INTERVAL.toNanos());
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker");
    }
  }
}

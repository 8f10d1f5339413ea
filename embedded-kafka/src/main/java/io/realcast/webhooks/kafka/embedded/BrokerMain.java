package io.realcast.webhooks.kafka.embedded;

import io.realcast.webhooks.kafka.embedded.internal.BrokerCommandLine;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmbeddedKafkaBroker} as a process of its own, for {@link ForkedKafkaBroker} and
 * the demo. Prints {@value #READY_PREFIX} followed by the bootstrap address once it serves, and
 * shuts down cleanly on SIGTERM, or when the process given by {@code --parent-pid} exits. Without
 * {@code --data-dir} the data is temporary.
 */
public final class BrokerMain {
  /** Printed on stdout, followed by {@code 127.0.0.1:PORT}, once the broker serves requests. */
  public static final String READY_PREFIX = "REALCAST_BROKER_READY ";

  private BrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    BrokerCommandLine.Command command;
    try {
      command = BrokerCommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(command.options());
    CountDownLatch stopped = new CountDownLatch(1);
    // Registered before start so a SIGTERM during start-up still closes what was started.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                },
                "realcast-broker-shutdown"));
    command.parentPid().ifPresent(BrokerMain::exitWithParent);
    try {
      broker.start();
    } catch (RuntimeException e) {
      e.printStackTrace();
      // exit rather than return: Kafka may leave non-daemon threads that would keep the JVM up
      System.exit(1);
    }
    System.out.println(READY_PREFIX + broker.bootstrapServers());
    System.out.flush();
    stopped.await();
  }

  /** A forked broker must not outlive a test JVM that died, or it would keep its ports. */
  private static void exitWithParent(long parentPid) {
    ProcessHandle.of(parentPid)
        .ifPresentOrElse(
            parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
  }
}

package io.realcast.webhooks.kafka.embedded;

/**
 * The one in-process broker every test in a JVM shares: started on first use, stopped by a JVM
 * shutdown hook. A static holder on purpose: a broker per test class would add seconds each. Tests
 * stay apart by using their own topics ({@link TestTopics#unique(String)}).
 */
public final class SharedKafkaBroker {
  private static EmbeddedKafkaBroker broker;
  private static RuntimeException startFailure;

  private SharedKafkaBroker() {}

  /** The running shared broker; the first call starts it. */
  public static synchronized EmbeddedKafkaBroker get() {
    if (startFailure != null) {
      // Starting again would fail the same way, slowly, once per test.
      throw new IllegalStateException("the shared Kafka broker failed to start", startFailure);
    }
    if (broker == null) {
      EmbeddedKafkaBroker starting = new EmbeddedKafkaBroker(BrokerOptions.defaults());
      try {
        starting.start();
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(starting::close, "realcast-shared-broker-stop"));
      broker = starting;
    }
    return broker;
  }

  public static String bootstrapServers() {
    return get().bootstrapServers();
  }
}

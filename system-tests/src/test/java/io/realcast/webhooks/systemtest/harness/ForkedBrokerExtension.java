package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.kafka.embedded.BrokerOptions;
import io.realcast.webhooks.testkit.ForkedKafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link ForkedKafkaBroker}: a real broker in its own JVM, started once for every scenario class
 * of the test run (each scenario has its own topics and groups) and stopped when the run ends. A scenario
 * that kills the broker starts its own instead ({@link #newBroker()}).
 */
public final class ForkedBrokerExtension implements ParameterResolver {
  private static final String KEY = ForkedBrokerExtension.class.getName();

  /** Options of every scenario broker: four partitions, new groups balanced at once. */
  public static BrokerOptions options() {
    return BrokerOptions.builder()
        .defaultPartitions(4)
        // A test group should not wait 3 s for more members before its first assignment.
        .brokerOverride("group.initial.rebalance.delay.ms", "0")
        .build();
  }

  /** A broker of the scenario's own; the caller closes it. */
  public static ForkedKafkaBroker newBroker() {
    return new ForkedKafkaBroker(options()).start();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ForkedKafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(KEY, k -> new SharedBroker(newBroker()), SharedBroker.class).broker();
  }

  /** Closed by JUnit when the whole run ends. */
  private record SharedBroker(ForkedKafkaBroker broker) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      broker.close();
    }
  }
}

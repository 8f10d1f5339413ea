package io.realcast.webhooks.kafka.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the {@link SharedKafkaBroker} into test constructors, lifecycle and test methods: a
 * parameter of type {@link EmbeddedKafkaBroker}, or a {@code String} annotated {@link
 * BootstrapServers}.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class RouterIT {
 *   @Test
 *   void shouldRouteEvent(@BootstrapServers String bootstrap) { ... }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    Class<?> type = parameter.getParameter().getType();
    return type == EmbeddedKafkaBroker.class
        || (type == String.class && parameter.isAnnotated(BootstrapServers.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    EmbeddedKafkaBroker broker = SharedKafkaBroker.get();
    return parameter.getParameter().getType() == String.class ? broker.bootstrapServers() : broker;
  }
}

package io.realcast.webhooks.router.forbidden;

import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.testkit.TopicReader;

/**
 * A router class as it must never be written: it uses the deliverer and the test kit. A test source, so only
 * {@code LayersTest} sees it, to prove the layer rules fail on it.
 */
public final class ImportsAnotherServiceAndTheTestKit {
  private ImportsAnotherServiceAndTheTestKit() {}

  static Object forbidden(String bootstrap) {
    return DelivererConfig.class.getName() + TopicReader.open(bootstrap, "x");
  }
}

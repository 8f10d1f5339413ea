package io.realcast.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RealcastCliTest {

  @Test
  void shouldOfferTheServicesAndOperatorToolsButNeitherDemoNorBench() {
    assertThat(new CommandLine(new RealcastCli()).getSubcommands().keySet())
        .containsExactlyInAnyOrder("help", "router", "deliverer", "api", "topics", "publish", "simulate", "dlq");
  }
}

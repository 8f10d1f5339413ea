package io.realcast.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.testkit.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each service command, started as an operator would with a bad setting, stops at once and names it. */
class ServiceCommandsIT {

  @ParameterizedTest
  @CsvSource({
    "router, REALCAST_ROUTER_STREAM_THREADS, many",
    "deliverer, REALCAST_DELIVERER_MAX_IN_FLIGHT_PER_WEBHOOK, abc",
    "api, REALCAST_API_PORT, eighty",
  })
  void shouldExitWithCodeTwoNamingTheBadSettingWithoutAStackTrace(String command, String variable, String value)
      throws Exception {
    Path log = Files.createTempFile("realcast-" + command, ".log");
    Map<String, String> env = Map.of(variable, value, "REALCAST_ADMIN_KEY", "a-long-enough-admin-key",
        "REALCAST_KAFKA_BOOTSTRAP", "127.0.0.1:1");
    try (ChildProcess process = ChildProcess.builder(command, ChildProcess.java(List.of(), RealcastCli.class.getName(), command))
        .environment(env).log(log).start()) {
      assertThat(process.waitForExit(Duration.ofSeconds(60))).as("exited").isTrue();
      assertThat(process.exitCode()).isEqualTo(ExitCodes.CONFIG);
      assertThat(process.output()).contains(variable + "=\"" + value + "\"").doesNotContain("\tat ");
    } finally {
      Files.deleteIfExists(log);
    }
  }
}

package io.realcast.webhooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ChildProcessIT {
  @TempDir
  Path dir;

  /** A child JVM: prints its environment variable and "ready", then waits to be stopped. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      System.out.println("greeting=" + System.getenv("GREETING"));
      System.out.println("ready");
      Thread.sleep(Long.parseLong(args[0]));
    }
  }

  @Test
  void shouldLaunchKillAndRelaunchAJvmLoggingEveryRunToOneFile() throws Exception {
    ChildProcess child = ChildProcess.builder("sleeper", ChildProcess.java(List.of("-Xmx32m"), Sleeper.class.getName(), "600000"))
        .environment(Map.of("GREETING", "hello")).log(dir.resolve("sleeper.log")).start();
    try {
      child.awaitOutput("ready", Duration.ofSeconds(60));
      long first = child.pid();

      child.kill();
      assertThat(child.isAlive()).isFalse();
      child.start().awaitOutput("ready", Duration.ofSeconds(60));

      assertThat(child.pids()).hasSize(2).startsWith(first);
      assertThat(child.output()).contains("greeting=hello").containsPattern("(?s)launching sleeper.*launching sleeper");
    } finally {
      child.stop();
    }
    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void shouldFailAwaitOutputWithTheLogWhenTheChildExitsFirst() {
    ChildProcess child = ChildProcess.builder("short", ChildProcess.java(List.of(), Sleeper.class.getName(), "0"))
        .log(dir.resolve("short.log")).start();

    assertThatThrownBy(() -> child.awaitOutput("never printed", Duration.ofSeconds(60)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited with 0").hasMessageContaining("ready");
  }

  @Test
  void shouldRunAProgramToItsEnd() throws Exception {
    ChildProcess.Result result = ChildProcess.run(ChildProcess.java(List.of(), Sleeper.class.getName(), "0"), dir, Duration.ofSeconds(60));

    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).contains("ready");
  }
}

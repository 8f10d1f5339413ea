package io.realcast.webhooks.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a receiver gets when it adds this artifact: the JDK only, and documentation that shows working code. */
class VerifierPackagingTest {
  private static final Path EXAMPLE = Path.of("src/test/java/example/Receiver.java");

  @Test
  void shouldDeclareNoDependencyAndImportNothingButTheJdk() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    List<String> imports;
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      imports = sources.filter(p -> p.toString().endsWith(".java")).flatMap(VerifierPackagingTest::lines)
          .filter(l -> l.startsWith("import ")).toList();
    }

    assertThat(pom).doesNotContain("<dependency>");
    assertThat(imports).isNotEmpty().allSatisfy(i -> assertThat(i).matches("import (static )?javax?\\..*;"));
  }

  @Test
  void shouldShowTheRunnableReceiverExampleVerbatimInBothReadmes() throws Exception {
    String example = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    String shown = example.substring(example.indexOf("import "));

    assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8)).contains("```java\n" + shown + "```");
    assertThat(Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8)).contains("```java\n" + shown + "```");
    assertThat(shown.lines().count()).as("lines of the example").isLessThanOrEqualTo(25);
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

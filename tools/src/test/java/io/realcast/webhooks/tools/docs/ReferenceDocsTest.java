package io.realcast.webhooks.tools.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.testing.RepositoryFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed reference documents are what the code generates. */
class ReferenceDocsTest {

  @BeforeAll
  static void regenerateWhenAsked() throws Exception {
    if (Boolean.getBoolean("realcast.docs.write")) {
      ReferenceDocs.write(RepositoryFiles.root());
    }
  }

  @Test
  void shouldMatchTheCommittedMetricsReference() throws Exception {
    String committed = Files.readString(RepositoryFiles.root().resolve("docs/METRICS.md"), StandardCharsets.UTF_8);

    assertThat(committed)
        .as("docs/METRICS.md differs from the metric catalogs; regenerate it with:%n  %s%n", ReferenceDocs.REGENERATE)
        .isEqualTo(ReferenceDocs.metricsMarkdown());
  }

  @Test
  void shouldMatchTheCommittedConfigurationReference() throws Exception {
    Path operations = RepositoryFiles.root().resolve("docs/OPERATIONS.md");
    String committed = Files.readString(operations, StandardCharsets.UTF_8);

    assertThat(committed)
        .as("the configuration reference in docs/OPERATIONS.md differs from the Setting constants; regenerate it with:%n  %s%n",
            ReferenceDocs.REGENERATE)
        .isEqualTo(ReferenceDocs.withConfigReference(committed));
  }

  @Test
  void shouldDocumentEveryCatalogedMetricOnce() {
    long names = ReferenceDocs.catalogs().values().stream().flatMap(List::stream).count();
    long distinct = ReferenceDocs.catalogs().values().stream().flatMap(List::stream)
        .map(d -> d.prometheusName()).distinct().count();

    assertThat(distinct).as("a Prometheus name defined by two catalogs").isEqualTo(names);
  }
}

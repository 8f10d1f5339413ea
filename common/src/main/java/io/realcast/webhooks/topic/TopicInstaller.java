package io.realcast.webhooks.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates whichever of the given topics are missing; running it twice changes nothing. */
public final class TopicInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(TopicInstaller.class);

  private TopicInstaller() {}

  /** Returns the names it created. */
  public static List<String> ensure(Admin admin, List<NewTopic> wanted) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (NewTopic t : wanted) {
        if (!existing.contains(t.name())) {
          missing.add(t);
        }
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // Another instance may have created them between list and create: that is fine.
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw e;
          }
        }
      }
      List<String> created = missing.stream().map(NewTopic::name).toList();
      LOG.info("Topics: {} present, {} created {}", wanted.size() - created.size(), created.size(), created);
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics: " + e.getMessage(), e);
    }
  }
}

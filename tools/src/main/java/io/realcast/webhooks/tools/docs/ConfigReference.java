package io.realcast.webhooks.tools.docs;

import io.realcast.webhooks.config.Setting;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the configuration reference from the {@link Setting} constants of every configuration class. */
public final class ConfigReference {
  private ConfigReference() {}

  /** One setting and the services that read it, with each one's default (the demo's differ). */
  record Entry(Setting<?> setting, Map<String, String> defaultByService) {
    List<String> readBy() {
      return List.copyOf(defaultByService.keySet());
    }

    /** The usual default, then the services that differ: {@code `12`; demo: `3`}. */
    String defaults() {
      Map<String, List<String>> servicesByDefault = new LinkedHashMap<>();
      defaultByService.forEach((service, text) -> servicesByDefault.computeIfAbsent(text, t -> new ArrayList<>()).add(service));
      String usual = servicesByDefault.entrySet().stream().max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size()))
          .orElseThrow().getKey();
      StringBuilder b = new StringBuilder(shown(usual));
      servicesByDefault.forEach((text, services) -> {
        if (!text.equals(usual)) {
          b.append("; ").append(String.join(", ", services)).append(": ").append(shown(text));
        }
      });
      return b.toString();
    }

    private static String shown(String text) {
      return text.isEmpty() ? "(none)" : "`" + text + "`";
    }
  }

  /** @param sources service name → the classes whose {@code public static final Setting} fields it reads */
  public static String render(Map<String, List<Class<?>>> sources) {
    StringBuilder md = new StringBuilder(8192);
    md.append("| environment | properties file | default | read by | description |\n")
        .append("|---|---|---|---|---|\n");
    for (Entry e : entries(sources).values()) {
      Setting<?> s = e.setting();
      md.append("| `").append(s.envName()).append("` | `").append(s.propertyName()).append("` | ")
          .append(e.defaults()).append(" | ").append(String.join(", ", e.readBy())).append(" | ")
          .append(ReferenceDocs.cell(s.help())).append(s.secret() ? " (secret: never logged)" : "").append(" |\n");
    }
    return md.toString();
  }

  /** Every setting by key, in declaration order; a key read by several services appears once. */
  static Map<String, Entry> entries(Map<String, List<Class<?>>> sources) {
    Map<String, Entry> byKey = new LinkedHashMap<>();
    sources.forEach((service, classes) -> {
      for (Class<?> type : classes) {
        for (Setting<?> setting : settingsOf(type)) {
          byKey.computeIfAbsent(setting.key(), k -> new Entry(setting, new LinkedHashMap<>()))
              .defaultByService().putIfAbsent(service, setting.defaultText());
        }
      }
    });
    return byKey;
  }

  /** The {@code public static final Setting} constants a class declares, in source order. */
  public static List<Setting<?>> settingsOf(Class<?> type) {
    List<Setting<?>> settings = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      int m = field.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && Setting.class.isAssignableFrom(field.getType())) {
        try {
          settings.add((Setting<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + field.getName(), e);
        }
      }
    }
    return settings;
  }
}

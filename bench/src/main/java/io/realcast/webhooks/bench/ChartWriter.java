package io.realcast.webhooks.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws the run second by second with java.awt (headless): deliveries per second on top, latency
 * p50 and p99 below (log scale), the phases shaded and named.
 */
final class ChartWriter {
  private static final int WIDTH = 1100;
  private static final int HEIGHT = 640;
  private static final int LEFT = 80;
  private static final int RIGHT = 20;
  private static final Color[] SHADES = {new Color(235, 242, 255), new Color(255, 244, 230)};

  private ChartWriter() {}

  static void write(BenchReport report, Path file) throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    List<Timeline.Second> seconds = report.timeline();
    double span = Math.max(1, seconds.size());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString("realcast bench " + report.scenario() + " — " + report.startedAt(), LEFT, 16);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    Panel top = new Panel(44, 300);
    Panel bottom = new Panel(360, 590);
    shadePhases(g, report.phases(), span, top, bottom);
    double maxRate = seconds.stream().mapToDouble(s -> Math.max(s.healthy(), s.other())).max().orElse(1);
    if (report.ceiling() != null) {
      maxRate = Math.max(maxRate, report.ceiling().requestsPerSecond());
    }
    maxRate = niceCeiling(maxRate);
    axes(g, top, span, "requests/s", 0, maxRate, false);
    series(g, seconds, top, span, s -> s.healthy(), 0, maxRate, false, new Color(30, 110, 200), "healthy deliveries/s", 0);
    series(g, seconds, top, span, s -> s.other(), 0, maxRate, false, new Color(150, 150, 150), "other requests/s (ceiling, slow, failing)", 1);
    if (report.ceiling() != null) {
      int y = top.y(report.ceiling().requestsPerSecond(), 0, maxRate, false);
      g.setColor(new Color(200, 60, 60));
      g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      g.drawLine(LEFT, y, WIDTH - RIGHT, y);
      g.drawString("ceiling " + Math.round(report.ceiling().requestsPerSecond()) + "/s", WIDTH - RIGHT - 140, y - 4);
      g.setStroke(new BasicStroke(1f));
    }
    double maxLatency = niceCeiling(Math.max(10, seconds.stream().mapToDouble(Timeline.Second::p99Millis).max().orElse(10)));
    axes(g, bottom, span, "latency ms (log)", 1, maxLatency, true);
    series(g, seconds, bottom, span, Timeline.Second::p50Millis, 1, maxLatency, true, new Color(40, 160, 80), "p50", 0);
    series(g, seconds, bottom, span, Timeline.Second::p99Millis, 1, maxLatency, true, new Color(220, 120, 20), "p99", 1);
    g.setColor(Color.DARK_GRAY);
    g.drawString("seconds since start", WIDTH / 2 - 50, HEIGHT - 18);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private record Panel(int top, int bottom) {
    int y(double value, double min, double max, boolean log) {
      double f;
      if (log) {
        f = (Math.log10(Math.max(min, value)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
      } else {
        f = (value - min) / (max - min);
      }
      f = Math.max(0, Math.min(1, f));
      return (int) Math.round(bottom - f * (bottom - top));
    }
  }

  private static int x(double second, double span) {
    return (int) Math.round(LEFT + second / span * (WIDTH - LEFT - RIGHT));
  }

  private static void shadePhases(Graphics2D g, List<BenchReport.Phase> phases, double span, Panel top, Panel bottom) {
    int i = 0;
    for (BenchReport.Phase p : phases) {
      int x0 = x(p.startSecond(), span);
      int x1 = Math.max(x0 + 1, x(p.endSecond(), span));
      g.setColor(SHADES[i++ % SHADES.length]);
      g.fillRect(x0, top.top(), x1 - x0, top.bottom() - top.top());
      g.fillRect(x0, bottom.top(), x1 - x0, bottom.bottom() - bottom.top());
      g.setColor(Color.DARK_GRAY);
      g.drawString(p.name(), x0 + 3, top.top() + 14 + 14 * (i % 2));
    }
  }

  private static void axes(Graphics2D g, Panel panel, double span, String label, double min, double max, boolean log) {
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, panel.bottom(), WIDTH - RIGHT, panel.bottom());
    g.drawLine(LEFT, panel.top(), LEFT, panel.bottom());
    g.drawString(label, 5, panel.top() - 4 < 30 ? panel.top() + 12 : panel.top() - 4);
    if (log) {
      for (double v = min; v <= max * 1.001; v *= 10) {
        tick(g, panel.y(v, min, max, true), format(v));
      }
    } else {
      for (int k = 0; k <= 4; k++) {
        double v = min + (max - min) * k / 4;
        tick(g, panel.y(v, min, max, false), format(v));
      }
    }
    int step = (int) Math.max(1, Math.ceil(span / 12 / 5) * 5);
    for (int s = 0; s <= span; s += step) {
      int x = x(s, span);
      g.drawLine(x, panel.bottom(), x, panel.bottom() + 4);
      g.drawString(Integer.toString(s), x - 6, panel.bottom() + 16);
    }
  }

  private static void tick(Graphics2D g, int y, String text) {
    g.setColor(new Color(225, 225, 225));
    g.drawLine(LEFT + 1, y, WIDTH - RIGHT, y);
    g.setColor(Color.BLACK);
    g.drawString(text, LEFT - 8 - g.getFontMetrics().stringWidth(text), y + 4);
  }

  private static void series(Graphics2D g, List<Timeline.Second> seconds, Panel panel, double span,
      ToDoubleFunction<Timeline.Second> value, double min, double max, boolean log, Color color, String name, int legendRow) {
    g.setColor(color);
    g.setStroke(new BasicStroke(1.8f));
    int px = -1;
    int py = -1;
    for (Timeline.Second s : seconds) {
      double v = value.applyAsDouble(s);
      if (log && v <= 0) {
        px = -1;
        continue;
      }
      int x = x(s.second() + 0.5, span);
      int y = panel.y(v, min, max, log);
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
    g.setStroke(new BasicStroke(1f));
    // Legends sit above their panel, clear of the phase names inside it.
    int lx = LEFT + 180 + 300 * legendRow;
    int ly = panel.top() - 6;
    g.fillRect(lx, ly - 5, 14, 4);
    g.drawString(name, lx + 20, ly);
  }

  private static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(1e-9, v))));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= v) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double v) {
    return v >= 1000 ? Math.round(v / 1000.0) + "k" : v == Math.rint(v) ? Long.toString(Math.round(v)) : String.valueOf(v);
  }
}

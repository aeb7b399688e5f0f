package dev.graft.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart written as PNG with the JDK's own Java2D (headless): one group per category,
 * one bar per series, a value axis from zero, a legend. Enough for RESULTS.md, and no dependency.
 */
final class BarChart {

    private static final Color[] PALETTE = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0x7f7f7f), new Color(0xff7f0e)};

    private BarChart() {
    }

    /** values: category, then series, then value; every category has every series. */
    static void write(Path file, String title, String unit, Map<String, Map<String, Double>> values)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> categories = List.copyOf(values.keySet());
        List<String> series = List.copyOf(values.values().iterator().next().keySet());
        int groupWidth = series.size() * 22 + 28;
        int left = 70;
        int top = 60;
        int plotHeight = 320;
        int width = Math.max(460, left + categories.size() * groupWidth + 30);
        int height = top + plotHeight + 90;
        double max = values.values().stream().flatMap(m -> m.values().stream()).mapToDouble(d -> d).max().orElse(1);
        double step = niceStep(max / 5);
        double axisMax = Math.ceil(max / step) * step;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double v = 0; v <= axisMax + step / 2; v += step) {
            int y = top + plotHeight - (int) (v / axisMax * plotHeight);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, width - 20, y);
            g.setColor(Color.DARK_GRAY);
            String label = step < 1 ? String.format("%.1f", v) : String.format("%.0f", v);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.drawString(unit, 8, top - 12);
        for (int c = 0; c < categories.size(); c++) {
            int x0 = left + 14 + c * groupWidth;
            Map<String, Double> row = values.get(categories.get(c));
            for (int s = 0; s < series.size(); s++) {
                double v = row.getOrDefault(series.get(s), 0.0);
                int h = (int) Math.round(v / axisMax * plotHeight);
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(x0 + s * 22, top + plotHeight - h, 18, h);
            }
            g.setColor(Color.BLACK);
            String name = categories.get(c);
            int textWidth = g.getFontMetrics().stringWidth(name);
            g.drawString(name, x0 + (series.size() * 22 - textWidth) / 2, top + plotHeight + 16);
        }
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(left, top + plotHeight, width - 20, top + plotHeight);
        int lx = left;
        for (int s = 0; s < series.size(); s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(lx, top + plotHeight + 40, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s), lx + 16, top + plotHeight + 51);
            lx += 30 + g.getFontMetrics().stringWidth(series.get(s));
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}

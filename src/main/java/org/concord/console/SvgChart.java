package org.concord.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The geometry of a small chart the server draws as inline SVG (no chart library, no script): a
 * line chart of values over time, and grouped bars per category. The template draws the shapes;
 * each point or bar carries its value as a tooltip, and the page shows the same numbers in a table.
 * Colours come from CSS classes, so the Content-Security-Policy needs no inline style.
 */
final class SvgChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final int LEFT = 64;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 40;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SvgChart() {
    }

    /** One point drawn, where, and what its tooltip says. */
    record Point(double x, double y, String label) {
    }

    /** A series: its name (the legend), CSS class, points and the {@code points} attribute of its polyline. */
    record Series(String name, String css, List<Point> points, String polyline) {
    }

    /** A label on an axis. */
    record Tick(double x, double y, String label) {
    }

    /** A bar: where, its CSS class and its tooltip. */
    record Bar(double x, double y, double width, double height, String css, String label) {
    }

    /** A legend entry. */
    record Legend(String name, String css) {
    }

    /** A chart ready to draw; {@code empty} when there is nothing to show. */
    record Chart(String title, int width, int height, double left, double right, double top, double bottom, List<Series> series,
            List<Bar> bars, List<Tick> xTicks, List<Tick> yTicks, List<Legend> legend, boolean empty) {
    }

    /** A series of values at times, before it is placed. */
    record TimeSeries(String name, String css, List<Instant> times, List<Long> values) {
    }

    /** Values over time, one polyline per series, on shared axes from 0 to the largest value. */
    static Chart overTime(String title, List<TimeSeries> data) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long top = 1;
        for (TimeSeries s : data) {
            for (int i = 0; i < s.times().size(); i++) {
                long t = s.times().get(i).toEpochMilli();
                min = Math.min(min, t);
                max = Math.max(max, t);
                top = Math.max(top, s.values().get(i));
            }
        }
        List<Legend> legend = data.stream().map(s -> new Legend(s.name(), s.css())).toList();
        if (min == Long.MAX_VALUE) {
            return new Chart(title, WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, List.of(), List.of(), List.of(),
                    List.of(), legend, true);
        }
        long span = Math.max(1, max - min);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        List<Series> series = new ArrayList<>();
        for (TimeSeries s : data) {
            List<Point> points = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < s.times().size(); i++) {
                double x = LEFT + plotW * (s.times().get(i).toEpochMilli() - min) / span;
                double y = TOP + plotH * (1 - (double) s.values().get(i) / top);
                points.add(new Point(round(x), round(y), s.name() + ": size " + s.values().get(i) + " at "
                        + s.times().get(i).toString()));
                line.append(line.isEmpty() ? "" : " ").append(round(x)).append(',').append(round(y));
            }
            series.add(new Series(s.name(), s.css(), points, line.toString()));
        }
        List<Tick> xTicks = List.of(new Tick(LEFT, HEIGHT - BOTTOM + 16, TIME.format(Instant.ofEpochMilli(min)) + " UTC"),
                new Tick(WIDTH - RIGHT, HEIGHT - BOTTOM + 16, TIME.format(Instant.ofEpochMilli(max)) + " UTC"));
        List<Tick> yTicks = List.of(new Tick(LEFT - 6, TOP + plotH + 4, "0"), new Tick(LEFT - 6, TOP + 4, Long.toString(top)));
        return new Chart(title, WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, series, List.of(), xTicks, yTicks,
                legend, false);
    }

    /** Values per category and series (a {@code null} value draws no bar), bars side by side, from 0 to the largest. */
    static Chart bars(String title, List<String> categories, List<Legend> legend, List<List<Double>> values,
            DoubleFunction<String> format) {
        double top = 0;
        for (List<Double> row : values) {
            for (Double v : row) {
                if (v != null) {
                    top = Math.max(top, v);
                }
            }
        }
        boolean empty = top == 0;
        if (empty) {
            top = 1;
        }
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double group = plotW / Math.max(1, categories.size());
        double barW = Math.min(40, group * 0.8 / Math.max(1, legend.size()));
        List<Bar> bars = new ArrayList<>();
        List<Tick> xTicks = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            double start = LEFT + group * c + (group - barW * legend.size()) / 2;
            for (int s = 0; s < legend.size(); s++) {
                Double v = values.get(s).get(c);
                if (v == null) {
                    continue;
                }
                double h = plotH * v / top;
                bars.add(new Bar(round(start + barW * s), round(TOP + plotH - h), round(barW), round(h), legend.get(s).css(),
                        legend.get(s).name() + ", " + categories.get(c) + ": " + format.apply(v)));
            }
            xTicks.add(new Tick(round(LEFT + group * c + group / 2), HEIGHT - BOTTOM + 16, categories.get(c)));
        }
        List<Tick> yTicks = List.of(new Tick(LEFT - 6, TOP + plotH + 4, format.apply(0)),
                new Tick(LEFT - 6, TOP + 4, empty ? "" : format.apply(top)));
        return new Chart(title, WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, List.of(), bars, xTicks, yTicks,
                legend, empty);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

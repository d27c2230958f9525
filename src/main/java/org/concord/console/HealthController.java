package org.concord.console;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.concord.workflow.CaseType;
import org.concord.workflow.CaseView;
import org.concord.workflow.CaseViews;
import org.concord.workflow.Workflow;
import org.concord.workflow.WorkflowTypes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Cooperation health ({@code /console/health}), read-only for every role: per month and per side,
 * how fast and how each side answers the other, from every case this node holds (every type's case
 * views, {@link CaseViews#all}) through {@link CooperationHealth}. Charts drawn by the server
 * ({@link SvgChart}), with the same numbers in a table.
 */
@Controller
class HealthController {

    private final CaseViews views;
    private final WorkflowTypes types;
    private final Workflow workflow;

    HealthController(CaseViews views, WorkflowTypes types, Workflow workflow) {
        this.views = views;
        this.types = types;
        this.workflow = workflow;
    }

    /** One row of the table, the durations readable, and in seconds for machines ({@code data-} attributes). */
    record Row(String month, String side, String sideMeaning, int cases, int acknowledged, String ackMedian, String ackP90,
            int answered, String answerMedian, String answerP90, int accepted, int declined, int countered, int deadlinesMissed,
            int incidentsSettled, int incidentsDisputed, Long ackMedianSeconds, Long answerMedianSeconds) {
    }

    @GetMapping("/console/health")
    String page(Model model) {
        List<CaseView> cases = new ArrayList<>();
        for (CaseType<?, ?, ?> type : types.all()) {
            cases.addAll(views.all(type));
        }
        CooperationHealth.Report report = CooperationHealth.of(cases, workflow.self().value());
        List<Row> rows = report.rows().stream().map(f -> new Row(f.month(), f.side().label(), f.side().meaning(), f.cases(),
                f.acknowledge().count(), CooperationHealth.readable(f.acknowledge().median()),
                CooperationHealth.readable(f.acknowledge().p90()), f.answer().count(), CooperationHealth.readable(f.answer().median()),
                CooperationHealth.readable(f.answer().p90()), f.accepted(), f.declined(), f.countered(), f.deadlinesMissed(),
                f.incidentsSettled(), f.incidentsDisputed(),
                f.acknowledge().median() == null ? null : f.acknowledge().median().getSeconds(),
                f.answer().median() == null ? null : f.answer().median().getSeconds())).toList();
        List<SvgChart.Legend> sides = List.of(new SvgChart.Legend("us → partner", "us"), new SvgChart.Legend("partner → us", "them"));
        List<SvgChart.Chart> charts = List.of(
                minutes(report, "Time to acknowledge, median", sides, f -> f.acknowledge().median()),
                minutes(report, "Time to acknowledge, 90th percentile", sides, f -> f.acknowledge().p90()),
                minutes(report, "Time to answer, median", sides, f -> f.answer().median()),
                minutes(report, "Time to answer, 90th percentile", sides, f -> f.answer().p90()),
                counts(report, "Requests we sent: the partner accepted, declined, countered", CooperationHealth.Side.US_TO_PARTNER),
                counts(report, "Requests the partner sent: we accepted, declined, countered", CooperationHealth.Side.PARTNER_TO_US),
                count(report, "Deadlines missed (escalations)", sides, CooperationHealth.Figures::deadlinesMissed),
                incidents(report));
        model.addAttribute("rows", rows);
        model.addAttribute("charts", charts);
        model.addAttribute("caseCount", cases.size());
        return "console/health";
    }

    /** A duration chart in the unit that suits its largest value (seconds, minutes, hours or days), named in its title. */
    private static SvgChart.Chart minutes(CooperationHealth.Report r, String title, List<SvgChart.Legend> sides,
            Function<CooperationHealth.Figures, java.time.Duration> value) {
        long largest = 0;
        for (String m : r.months()) {
            for (CooperationHealth.Side side : CooperationHealth.Side.values()) {
                java.time.Duration d = value.apply(r.of(m, side));
                largest = Math.max(largest, d == null ? 0 : d.toMillis());
            }
        }
        String unit = largest < 120_000 ? "seconds" : largest < 7_200_000 ? "minutes" : largest < 172_800_000 ? "hours" : "days";
        double per = switch (unit) {
            case "seconds" -> 1_000.0;
            case "minutes" -> 60_000.0;
            case "hours" -> 3_600_000.0;
            default -> 86_400_000.0;
        };
        List<List<Double>> values = new ArrayList<>();
        for (CooperationHealth.Side side : CooperationHealth.Side.values()) {
            values.add(r.months().stream().map(m -> {
                java.time.Duration d = value.apply(r.of(m, side));
                return d == null ? null : d.toMillis() / per;
            }).toList());
        }
        return SvgChart.bars(title + " (" + unit + ")", r.months(), sides, values,
                v -> String.format(java.util.Locale.ROOT, v < 10 && v != Math.rint(v) ? "%.1f" : "%.0f", v));
    }

    private static SvgChart.Chart count(CooperationHealth.Report r, String title, List<SvgChart.Legend> sides,
            ToIntFunction<CooperationHealth.Figures> value) {
        List<List<Double>> values = new ArrayList<>();
        for (CooperationHealth.Side side : CooperationHealth.Side.values()) {
            values.add(r.months().stream().map(m -> (double) value.applyAsInt(r.of(m, side))).toList());
        }
        return SvgChart.bars(title, r.months(), sides, values, HealthController::whole);
    }

    private static SvgChart.Chart counts(CooperationHealth.Report r, String title, CooperationHealth.Side side) {
        List<SvgChart.Legend> legend = List.of(new SvgChart.Legend("accepted", "accepted"), new SvgChart.Legend("declined", "declined"),
                new SvgChart.Legend("countered", "countered"));
        List<List<Double>> values = List.of(
                r.months().stream().map(m -> (double) r.of(m, side).accepted()).toList(),
                r.months().stream().map(m -> (double) r.of(m, side).declined()).toList(),
                r.months().stream().map(m -> (double) r.of(m, side).countered()).toList());
        return SvgChart.bars(title, r.months(), legend, values, HealthController::whole);
    }

    private static SvgChart.Chart incidents(CooperationHealth.Report r) {
        List<SvgChart.Legend> legend = List.of(new SvgChart.Legend("ours settled", "us"), new SvgChart.Legend("ours disputed", "us-bad"),
                new SvgChart.Legend("theirs settled", "them"), new SvgChart.Legend("theirs disputed", "them-bad"));
        CooperationHealth.Side us = CooperationHealth.Side.US_TO_PARTNER;
        CooperationHealth.Side them = CooperationHealth.Side.PARTNER_TO_US;
        List<List<Double>> values = List.of(
                r.months().stream().map(m -> (double) r.of(m, us).incidentsSettled()).toList(),
                r.months().stream().map(m -> (double) r.of(m, us).incidentsDisputed()).toList(),
                r.months().stream().map(m -> (double) r.of(m, them).incidentsSettled()).toList(),
                r.months().stream().map(m -> (double) r.of(m, them).incidentsDisputed()).toList());
        return SvgChart.bars("Incidents settled and disputed (ours: reported by us)", r.months(), legend, values, HealthController::whole);
    }

    private static String whole(double v) {
        return Long.toString(Math.round(v));
    }
}

package com.techcorp.report.dashboard;

import com.techcorp.report.report.MonthlySalesReport;
import com.techcorp.report.report.ReportService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latest report as a page a person can look at: a table and a bar chart drawn as inline SVG
 * (no script, nothing fetched from elsewhere). The page shows only what the latest report says.
 */
@Path("/dashboard")
public class DashboardResource {

    /** One bar of the chart, laid out here so the template only draws. */
    public record Bar(String label, String value, int x, int y, int width, int height, boolean best, boolean worst) {
    }

    /** One row of the table. */
    public record Row(String period, String month, String revenue, String change) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(MonthlySalesReport report, List<Bar> bars, List<Row> rows, String total, int chartWidth);
    }

    static final int CHART_HEIGHT = 220;
    private static final int BAR_WIDTH = 40;
    private static final int GAP = 14;

    private final ReportService reports;

    public DashboardResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> dashboard() {
        return reports.latest().map(latest -> latest
                .map(r -> Templates.dashboard(r, bars(r), rows(r), money(r.totalMinor(), r.currency()),
                        r.months().size() * (BAR_WIDTH + GAP) + GAP))
                .orElseGet(() -> Templates.dashboard(null, List.of(), List.of(), null, 0)));
    }

    static List<Bar> bars(MonthlySalesReport report) {
        long max = report.months().stream().mapToLong(MonthlySalesReport.Month::revenueMinor).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        int x = GAP;
        for (MonthlySalesReport.Month m : report.months()) {
            int height = max == 0 ? 0 : (int) Math.round((double) m.revenueMinor() * (CHART_HEIGHT - 30) / max);
            bars.add(new Bar(m.period(), money(m.revenueMinor(), report.currency()), x, CHART_HEIGHT - height, BAR_WIDTH, height,
                    m.period().equals(report.bestPeriod()), m.period().equals(report.worstPeriod())));
            x += BAR_WIDTH + GAP;
        }
        return bars;
    }

    static List<Row> rows(MonthlySalesReport report) {
        return report.months().stream().map(m -> new Row(m.period(), m.month(), money(m.revenueMinor(), report.currency()),
                m.changePercent() == null ? "—" : (m.changePercent().signum() > 0 ? "+" : "") + m.changePercent() + " %")).toList();
    }

    static String money(long minor, String currency) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMaximumFractionDigits(2);
        return format.format(BigDecimal.valueOf(minor, 2)) + " " + currency;
    }
}

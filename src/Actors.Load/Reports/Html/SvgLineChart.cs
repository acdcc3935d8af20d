using System.Globalization;
using System.Net;
using System.Text;

namespace Actors.Load.Reports.Html;

/// <summary>One named line of a chart.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points)
{
    /// <summary>Drawn dashed, to tell a secondary measure apart from the main ones in the same colour family.</summary>
    public bool Dashed { get; init; }
}

/// <summary>A labelled horizontal reference line, such as a threshold's value (drawn dashed across the plot).</summary>
public sealed record ChartLine(string Label, double Y, string Color);

/// <summary>How the x axis maps and labels its values.</summary>
public enum ChartXAxis
{
    /// <summary>Plain numbers from 0 (or the lowest negative value) to the largest x.</summary>
    Linear,

    /// <summary>Seconds since the run started: ticks as plain seconds, never abbreviated to "1.5k".</summary>
    Seconds,

    /// <summary>
    /// Percentiles 0..100 drawn as HdrHistogram plots them: log10(1/(1-p)), so 90, 99, 99.9, ... are evenly apart and
    /// the tail gets the room. Values from 99.999 up (the max) sit at the right edge.
    /// </summary>
    Percentile,
}

/// <summary>One plot of a stacked chart: its own y axis, series and reference lines; the x axis is shared.</summary>
public sealed record ChartPanel(string YLabel, IReadOnlyList<ChartSeries> Series)
{
    public IReadOnlyList<ChartLine> Lines { get; init; } = [];
}

/// <summary>Optional parts of a chart.</summary>
public sealed record ChartOptions
{
    public static readonly ChartOptions Default = new();

    /// <summary>Names the chart in its class attribute ("chart chart-latency"), for styles and for readers of the file.</summary>
    public string? Kind { get; init; }

    public ChartXAxis XAxis { get; init; } = ChartXAxis.Linear;

    /// <summary>The x axis' range when it should not follow the points, e.g. a time axis from 0 to the run's end.</summary>
    public double? XMin { get; init; }

    public double? XMax { get; init; }

    /// <summary>Reference lines of a single-panel chart (a stacked chart takes them per panel).</summary>
    public IReadOnlyList<ChartLine> Lines { get; init; } = [];
}

/// <summary>
/// Draws line charts as inline SVG, so reports open offline with no script or CDN. The SVG scales to the page width
/// (width 100% and a viewBox); ticks are "nice" values (1, 2 or 5 × 10^n) spaced so their labels never overlap; the
/// legend sits in its own rows above the plot so it never covers a line. Output is well-formed XML.
/// </summary>
public static class SvgLineChart
{
    private const int Width = 960;
    private const int Left = 64;
    private const int Right = 40;
    private const int TitleHeight = 32;
    private const int LegendRow = 18;
    private const int SinglePlotHeight = 240;
    private const int PanelPlotHeight = 130;
    private const int XTickHeight = 18;
    private const int XLabelHeight = 22;
    private const int PanelGap = 26;
    private const double PercentileAxisMax = 5; // 99.999 %

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static readonly double[] NiceSteps = [1, 2, 5];

    /// <summary>A single-panel chart with a linear x axis and no reference lines.</summary>
    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series) =>
        Render(title, xLabel, yLabel, series, ChartOptions.Default);

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RenderPanels(title, xLabel, [new ChartPanel(yLabel, series) { Lines = options.Lines }], options);
    }

    /// <summary>Several plots stacked over one shared x axis (e.g. GC pauses, CPU and thread-pool queue over time).</summary>
    public static string RenderPanels(string title, string xLabel, IReadOnlyList<ChartPanel> panels, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentNullException.ThrowIfNull(options);
        var plotW = Width - Left - Right;
        var plotH = panels.Count > 1 ? PanelPlotHeight : SinglePlotHeight;
        var (minX, maxX, xTicks) = XScale(panels, options, plotW);
        double Sx(double x) => Left + ((ToAxis(x, options.XAxis) - minX) / Math.Max(maxX - minX, 1e-12) * plotW);

        var layouts = panels.Select(p => Legend(p.Series, plotW)).ToList();
        var height = TitleHeight + layouts.Sum(l => (l.Rows * LegendRow) + plotH + PanelGap) + XTickHeight + XLabelHeight;

        var svg = new StringBuilder();
        var kind = options.Kind is null ? "chart" : $"chart chart-{options.Kind}";
        svg.Append(C, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{E(kind)}\" width=\"100%\" viewBox=\"0 0 {Width} {height}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{E(title)}\" font-family=\"system-ui,-apple-system,Segoe UI,Roboto,DejaVu Sans,sans-serif\">");
        svg.Append(C, $"<title>{E(title)}</title>");
        svg.Append(C, $"<text x=\"{Left}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{E(title)}</text>");

        var top = TitleHeight;
        for (var p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            var legend = layouts[p];
            foreach (var item in legend.Items)
            {
                var y = top + (item.Row * LegendRow);
                svg.Append(C, $"<line x1=\"{F(item.X)}\" y1=\"{y + 8}\" x2=\"{F(item.X + 16)}\" y2=\"{y + 8}\" stroke=\"{E(item.Series.Color)}\" stroke-width=\"3\"{Dash(item.Series)}/>");
                svg.Append(C, $"<text x=\"{F(item.X + 20)}\" y=\"{y + 12}\" font-size=\"11\">{E(item.Series.Name)}</text>");
            }

            top += legend.Rows * LegendRow;
            svg.Append(Plot(panel, top, plotH, plotW, Sx, minX, maxX, xTicks, options.XAxis, last: p == panels.Count - 1));
            top += plotH + PanelGap;
        }

        svg.Append(C, $"<text x=\"{Left + (plotW / 2)}\" y=\"{height - 6}\" font-size=\"11\" text-anchor=\"middle\">{E(xLabel)}</text>");
        return svg.Append("</svg>").ToString();
    }

    private static string Plot(ChartPanel panel, int top, int plotH, int plotW, Func<double, double> sx, double minX, double maxX,
        IReadOnlyList<(double Value, string Label)> xTicks, ChartXAxis axis, bool last)
    {
        var svg = new StringBuilder();
        var bottom = top + plotH;
        var values = panel.Series.SelectMany(s => s.Points).Select(pt => pt.Y).Where(double.IsFinite).ToList();
        var dataMax = values.Count == 0 ? 0 : Math.Max(values.Max(), 0);
        // A reference line far above the data (a 5 s SLO over 2 ms latencies) would flatten every line into the
        // floor: such a line is named at the top instead of stretching the scale to it.
        var shown = panel.Lines.Where(l => double.IsFinite(l.Y) && l.Y >= 0 && (dataMax <= 0 || l.Y <= 4 * dataMax)).ToList();
        var above = panel.Lines.Except(shown).Where(l => double.IsFinite(l.Y) && l.Y > 0).ToList();
        var (step, maxY) = NiceScale(Math.Max(dataMax, shown.Count == 0 ? 0 : shown.Max(l => l.Y)), Math.Max(2, plotH / 28));
        double Sy(double y) => bottom - (y / maxY * plotH);

        for (var i = 0; i * step <= maxY + (step / 2); i++)
        {
            var v = i * step;
            var py = F(Sy(v));
            svg.Append(C, $"<line x1=\"{Left}\" y1=\"{py}\" x2=\"{Left + plotW}\" y2=\"{py}\" stroke=\"#e3e3e3\"/>");
            svg.Append(C, $"<text x=\"{Left - 6}\" y=\"{F(Sy(v) + 3.5)}\" font-size=\"10\" text-anchor=\"end\">{E(TickLabel(v, step))}</text>");
        }

        foreach (var (value, label) in xTicks)
        {
            var px = F(Left + ((value - minX) / Math.Max(maxX - minX, 1e-12) * plotW));
            svg.Append(C, $"<line x1=\"{px}\" y1=\"{top}\" x2=\"{px}\" y2=\"{bottom}\" stroke=\"#f0f0f0\"/>");
            if (last)
            {
                svg.Append(C, $"<text x=\"{px}\" y=\"{bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{E(label)}</text>");
            }
        }

        svg.Append(C, $"<line x1=\"{Left}\" y1=\"{bottom}\" x2=\"{Left + plotW}\" y2=\"{bottom}\" stroke=\"#333\"/>");
        svg.Append(C, $"<line x1=\"{Left}\" y1=\"{top}\" x2=\"{Left}\" y2=\"{bottom}\" stroke=\"#333\"/>");
        var mid = top + (plotH / 2);
        svg.Append(C, $"<text x=\"14\" y=\"{mid}\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 14 {mid})\">{E(panel.YLabel)}</text>");

        if (values.Count == 0)
        {
            svg.Append(C, $"<text x=\"{Left + (plotW / 2)}\" y=\"{mid}\" font-size=\"12\" fill=\"#777\" text-anchor=\"middle\">no data</text>");
        }

        foreach (var s in panel.Series)
        {
            var points = s.Points.Where(pt => double.IsFinite(pt.X) && double.IsFinite(pt.Y)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var path = string.Join(' ', points.Select(pt => $"{F(sx(pt.X))},{F(Sy(pt.Y))}"));
            svg.Append(C, $"<polyline data-series=\"{E(s.Name)}\" fill=\"none\" stroke=\"{E(s.Color)}\" stroke-width=\"2\" stroke-linejoin=\"round\"{Dash(s)} points=\"{path}\"/>");
            // Markers only while they stay apart; on long runs they would merge into a thick line.
            if (points.Count <= 60 && axis != ChartXAxis.Percentile)
            {
                foreach (var pt in points)
                {
                    svg.Append(C, $"<circle cx=\"{F(sx(pt.X))}\" cy=\"{F(Sy(pt.Y))}\" r=\"2.5\" fill=\"{E(s.Color)}\"/>");
                }
            }
        }

        svg.Append(ReferenceLines(shown, Sy, plotW));
        if (above.Count > 0)
        {
            var text = "above the scale: " + string.Join(", ", above.Select(l => $"{l.Label} ({TickLabel(l.Y, l.Y / 10)})"));
            svg.Append(C, $"<text class=\"threshold-label\" x=\"{Left + plotW}\" y=\"{top + 11}\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">{E(text)}</text>");
        }

        return svg.ToString();
    }

    // Labels sit at the right end just above their line; a label that would collide with the one before it (lines
    // close in value) moves left of it instead of on top of it.
    private static string ReferenceLines(IReadOnlyList<ChartLine> lines, Func<double, double> sy, int plotW)
    {
        var svg = new StringBuilder();
        double? lastY = null;
        var right = (double)(Left + plotW - 4);
        foreach (var group in lines.GroupBy(l => l.Y).OrderByDescending(g => g.Key))
        {
            var py = sy(group.Key);
            var color = group.First().Color;
            var label = string.Join(", ", group.Select(l => l.Label));
            foreach (var line in group)
            {
                svg.Append(C, $"<line class=\"threshold\" data-threshold=\"{E(line.Label)}\" x1=\"{Left}\" y1=\"{F(py)}\" x2=\"{Left + plotW}\" y2=\"{F(py)}\" stroke=\"{E(line.Color)}\" stroke-width=\"1.5\" stroke-dasharray=\"7 4\"/>");
            }

            var x = lastY is { } previous && Math.Abs(previous - py) < 12 ? right : Left + plotW - 4;
            svg.Append(C, $"<text class=\"threshold-label\" x=\"{F(x)}\" y=\"{F(py - 4)}\" font-size=\"10\" text-anchor=\"end\" fill=\"{E(color)}\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{E(label)}</text>");
            right = x - TextWidth(label, 10) - 10;
            lastY = py;
        }

        return svg.ToString();
    }

    private sealed record LegendItem(ChartSeries Series, double X, int Row);

    private sealed record LegendLayout(IReadOnlyList<LegendItem> Items, int Rows);

    // Legend entries flow left to right and wrap, in rows of their own above the plot.
    private static LegendLayout Legend(IReadOnlyList<ChartSeries> series, int plotW)
    {
        var items = new List<LegendItem>();
        double x = Left;
        var row = 0;
        foreach (var s in series)
        {
            var width = 20 + TextWidth(s.Name, 11) + 18;
            if (x + width > Left + plotW && x > Left)
            {
                row++;
                x = Left;
            }

            items.Add(new LegendItem(s, x, row));
            x += width;
        }

        return new LegendLayout(items, items.Count == 0 ? 0 : row + 1);
    }

    private static (double Min, double Max, IReadOnlyList<(double Value, string Label)> Ticks) XScale(
        IReadOnlyList<ChartPanel> panels, ChartOptions options, int plotW)
    {
        var axis = options.XAxis;
        if (axis == ChartXAxis.Percentile)
        {
            string[] labels = ["0%", "90%", "99%", "99.9%", "99.99%", "99.999%"];
            return (0, PercentileAxisMax, [.. labels.Select((l, i) => ((double)i, l))]);
        }

        var xs = panels.SelectMany(p => p.Series).SelectMany(s => s.Points).Select(pt => pt.X).Where(double.IsFinite).ToList();
        var min = options.XMin ?? (xs.Count == 0 ? 0 : Math.Min(xs.Min(), 0));
        var max = options.XMax ?? (xs.Count == 0 ? 1 : xs.Max());
        if (max <= min)
        {
            max = min + 1;
        }

        // As many ticks as fit with their labels apart: try 1/2/5 × 10^n steps from fine to coarse.
        var span = max - min;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(span / 100)));
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var step = NiceSteps[attempt % 3] * magnitude * Math.Pow(10, attempt / 3);
            var first = Math.Ceiling((min / step) - 1e-9) * step;
            var ticks = new List<(double, string)>();
            for (var i = 0; first + (i * step) <= max + (step * 1e-9); i++)
            {
                var value = Math.Round((first / step) + i) * step;
                ticks.Add((value, axis == ChartXAxis.Seconds ? Plain(value, step) : TickLabel(value, step)));
            }

            var widest = ticks.Max(t => TextWidth(t.Item2, 10)) + 12;
            if (ticks.Count <= 1 || plotW / (span / step) >= widest)
            {
                return (min, max, ticks);
            }
        }

        return (min, max, [(min, TickLabel(min, span)), (max, TickLabel(max, span))]);
    }

    private static double ToAxis(double x, ChartXAxis axis) =>
        axis == ChartXAxis.Percentile ? PercentileToAxis(x) : x;

    /// <summary>log10(1/(1-p)) for a percentile p in 0..100, capped at 99.999 % (the right edge of the axis).</summary>
    public static double PercentileToAxis(double percentile)
    {
        var fraction = Math.Clamp(percentile / 100, 0, 1);
        return fraction >= 1 - Math.Pow(10, -PercentileAxisMax) ? PercentileAxisMax : Math.Log10(1 / (1 - fraction));
    }

    /// <summary>The "nice" step (1, 2 or 5 × 10^n) and top of a 0-based axis for <paramref name="max"/> in at most
    /// <paramref name="maxTicks"/> steps.</summary>
    public static (double Step, double Max) NiceScale(double max, int maxTicks)
    {
        if (!double.IsFinite(max) || max <= 0)
        {
            return (0.2, 1);
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max / maxTicks)));
        for (var attempt = 0; ; attempt++)
        {
            var step = NiceSteps[attempt % 3] * magnitude * Math.Pow(10, attempt / 3);
            var count = Math.Ceiling((max / step) - 1e-9);
            if (count <= maxTicks)
            {
                return (step, Math.Max(count, 1) * step);
            }
        }
    }

    /// <summary>A tick label: 1.5k, 2M, 0.25; as many decimals as the step needs, no more.</summary>
    public static string TickLabel(double value, double step)
    {
        var (scaled, unitStep, suffix) = Math.Abs(value) switch
        {
            >= 1_000_000 => (value / 1_000_000, step / 1_000_000, "M"),
            >= 1000 => (value / 1000, step / 1000, "k"),
            _ => (value, step, ""),
        };
        return Plain(scaled, unitStep) + suffix;
    }

    private static string Plain(double value, double step)
    {
        var decimals = step <= 0 || !double.IsFinite(step) ? 3 : Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        return Math.Round(value, decimals).ToString("0." + new string('#', Math.Max(decimals, 1)), C);
    }

    // Width of a label in the chart's units: system-ui digits and letters average about 0.6 em.
    private static double TextWidth(string text, double fontSize) => text.Length * fontSize * 0.6;

    private static string Dash(ChartSeries s) => s.Dashed ? " stroke-dasharray=\"5 3\"" : string.Empty;

    private static string F(double value) => value.ToString("0.#", C);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

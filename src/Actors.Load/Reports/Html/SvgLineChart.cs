using System.Globalization;
using System.Net;
using System.Text;

namespace Actors.Load.Reports.Html;

/// <summary>One named line of a chart.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);

/// <summary>
/// Draws a small line chart as inline SVG (axes, 5 grid lines, legend), so reports open offline with no script or
/// CDN. Output is well-formed XML.
/// </summary>
public static class SvgLineChart
{
    private const int Width = 760;
    private const int Height = 280;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 28;
    private const int Bottom = 40;

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        var maxX = points.Count == 0 ? 1 : Math.Max(points.Max(p => p.X), 1e-9);
        var minX = points.Count == 0 ? 0 : Math.Min(points.Min(p => p.X), 0);
        var maxY = points.Count == 0 ? 1 : NiceCeiling(points.Max(p => p.Y));
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double Sx(double x) => Left + (x - minX) / Math.Max(maxX - minX, 1e-9) * plotW;
        double Sy(double y) => Top + plotH - y / maxY * plotH;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{E(title)}</text>");
        for (var i = 0; i <= 5; i++)
        {
            var y = maxY * i / 5;
            var py = F(Sy(y));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{py}\" x2=\"{Width - Right}\" y2=\"{py}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{py}\" font-size=\"10\" text-anchor=\"end\">{E(Short(y))}</text>");
        }

        for (var i = 0; i <= 5; i++)
        {
            var x = minX + (maxX - minX) * i / 5;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Sx(x))}\" y=\"{Height - Bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{E(Short(x))}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Width - Right}\" y2=\"{Top + plotH}\" stroke=\"#333\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotH}\" stroke=\"#333\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotW / 2}\" y=\"{Height - 6}\" font-size=\"11\" text-anchor=\"middle\">{E(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{Top + plotH / 2}\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 {Top + plotH / 2})\">{E(yLabel)}</text>");

        var legendX = Left + 220;
        foreach (var s in series)
        {
            if (s.Points.Count > 0)
            {
                var path = string.Join(' ', s.Points.Select(p => $"{F(Sx(p.X))},{F(Sy(p.Y))}"));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{E(s.Color)}\" stroke-width=\"2\" points=\"{path}\"/>");
                foreach (var p in s.Points.Count <= 60 ? s.Points : [])
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(Sx(p.X))}\" cy=\"{F(Sy(p.Y))}\" r=\"2.5\" fill=\"{E(s.Color)}\"/>");
                }
            }

            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"8\" width=\"10\" height=\"10\" fill=\"{E(s.Color)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{legendX + 14}\" y=\"17\" font-size=\"11\">{E(s.Name)}</text>");
            legendX += 14 + 8 * s.Name.Length + 16;
        }

        return svg.Append("</svg>").ToString();
    }

    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        var steps = new[] { 1, 2, 2.5, 5, 10 };
        return steps.Select(s => s * magnitude).First(v => v >= value);
    }

    private static string Short(double value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

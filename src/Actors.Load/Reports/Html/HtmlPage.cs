using System.Net;
using System.Text;

namespace Actors.Load.Reports.Html;

/// <summary>A self-contained, XHTML-compatible page skeleton (inline CSS only) shared by the HTML reports.</summary>
public static class HtmlPage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}" +
        "th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}" +
        "th{background:#f3f3f3}.pass{color:#176f2c;font-weight:bold}.fail{color:#b00020;font-weight:bold}" +
        "code{background:#f5f5f5;padding:1px 4px}section{margin-bottom:32px}" +
        "svg.chart{display:block;width:100%;height:auto;margin:8px 0 20px}" +
        "table.kv td{text-align:left}table.kv td:first-child{font-weight:bold}" +
        "details{margin:8px 0 16px}summary{cursor:pointer;font-weight:bold}.note{color:#555;font-size:90%}" +
        ".attribution li{margin:4px 0}.pacer{font-family:ui-monospace,monospace}h3.step{margin-bottom:4px}";

    public static string Wrap(string title, string body) =>
        new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append(body)
            .Append("</body></html>\n")
            .ToString();

    public static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A table from a header row and body rows; cells are escaped.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) => Table(header, rows, null);

    /// <summary>A table with a class attribute (for styles, and so readers of the file can find it).</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? cssClass)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var html = new StringBuilder(cssClass is null ? "<table>" : $"<table class=\"{E(cssClass)}\">").Append("<thead><tr>");
        foreach (var cell in header)
        {
            html.Append("<th>").Append(E(cell)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}

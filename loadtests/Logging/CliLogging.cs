using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Actors.LoadTests.Logging;

/// <summary>
/// The log of an embedded silo or gateway client, for the CLI. Without --verbose the libraries (Microsoft.*, Orleans.*,
/// System.*) say nothing: every embedded start logged ServerGC notes and a watchdog "deadlock" warning whose figure was
/// the machine's uptime, noise in every CI log. Our own categories still report errors. With --verbose, warnings and
/// above from everyone, as before. Either way on the error writer: standard output carries the run's results.
/// </summary>
public static class CliLogging
{
    private static readonly string[] LibraryCategories = ["Microsoft", "Orleans", "System"];

    public static Action<ILoggingBuilder> Configure(TextWriter error, bool verbose) => logging =>
    {
        logging.AddProvider(new WriterLoggerProvider(error));
        logging.SetMinimumLevel(verbose ? LogLevel.Warning : LogLevel.Error);
        if (!verbose)
        {
            foreach (var category in LibraryCategories)
            {
                logging.AddFilter(category, LogLevel.None);
            }
        }
    };

    /// <summary>Writes each entry as the console logger lays it out ("warn: Category[id]", the message indented below).</summary>
    internal sealed class WriterLoggerProvider(TextWriter writer) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new WriterLogger(writer, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class WriterLogger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var text = string.Create(CultureInfo.InvariantCulture, $"{Label(logLevel)}: {category}[{eventId.Id}]{Environment.NewLine}      {formatter(state, exception)}");
            if (exception is not null)
            {
                text += Environment.NewLine + "      " + exception;
            }

            // One call per entry: entries from the silo's threads do not interleave line by line.
            lock (writer)
            {
                writer.WriteLine(text);
            }
        }

        private static string Label(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}

using Microsoft.Extensions.Logging;

namespace Lotgenoten.Bench.Report;

/// <summary>Writes EF Core's executed commands (with their time) to standard error: <c>--log-sql</c>, to see where EF spends its time.</summary>
public sealed class SqlLog : ILoggerProvider, ILogger
{
    private const string Category = "Microsoft.EntityFrameworkCore.Database.Command";

    private string current = "";

    public ILogger CreateLogger(string categoryName)
    {
        current = categoryName;
        return categoryName == Category ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && current.Length > 0;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (eventId.Name?.EndsWith("CommandExecuted", StringComparison.Ordinal) == true)
        {
            Console.Error.WriteLine(formatter(state, exception));
            Console.Error.WriteLine();
        }
    }

    public void Dispose()
    {
    }
}

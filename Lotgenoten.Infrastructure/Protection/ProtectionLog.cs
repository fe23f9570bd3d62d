using Microsoft.Extensions.Logging;

namespace Lotgenoten.Infrastructure.Protection;

/// <summary>Log messages of key handling: they name keys and files, never key material.</summary>
internal static partial class ProtectionLog
{
    [LoggerMessage(2001, LogLevel.Warning,
        "Development: no {Key} configured; generated one and stored it in {Path} (outside the repository). " +
        "Other environments must configure it.")]
    public static partial void DevelopmentKeyGenerated(ILogger logger, string key, string path);

    [LoggerMessage(2002, LogLevel.Information, "Development: using the {Key} stored in {Path}")]
    public static partial void DevelopmentKeyLoaded(ILogger logger, string key, string path);
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lotgenoten.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real web app as a child process (<c>dotnet Lotgenoten.Web.dll</c>) on a free loopback port, in Development,
/// with its own SQLite file in a temporary folder and its console output written to a log file.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly string dataDirectory;
    private readonly Lock logLock = new();
    private volatile bool stopping;

    private WebAppProcess(Process process, StreamWriter log, string dataDirectory, Uri baseAddress, string logPath)
    {
        this.process = process;
        this.log = log;
        this.dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    /// <summary>The app's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The file that receives everything the app writes to stdout and stderr.</summary>
    public string LogPath { get; }

    /// <summary>The app's SQLite file.</summary>
    public string DatabasePath => Path.Combine(dataDirectory, "e2e.db");

    /// <summary>The whole log so far.</summary>
    public string ReadLog()
    {
        lock (logLock)
        {
            try
            {
                log.Flush();
            }
            catch (ObjectDisposedException)
            {
                // The app has stopped; the file is complete.
            }
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Fails with the log's tail when the app is no longer running (crashed, or stopped by someone else).</summary>
    public void EnsureRunning()
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException(
                $"The web app is no longer running (exit code {process.ExitCode}). Log ({LogPath}):\n{LogTail()}");
        }
    }

    /// <summary><c>test-output/e2e-app.pid</c>: the app's process id while it runs.</summary>
    public static string PidFile => Path.Combine(TestPaths.TestOutput, "e2e-app.pid");

    /// <summary>Starts the app and waits until <c>GET /health</c> answers 200.</summary>
    public static async Task<WebAppProcess> StartAsync(string logPath, CancellationToken cancellationToken)
    {
        var assembly = TestPaths.WebAppAssembly;
        var dataDirectory = Directory.CreateTempSubdirectory("lotgenoten-e2e-").FullName;
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");

        var startInfo = new ProcessStartInfo
        {
            FileName = DotnetHost(),
            WorkingDirectory = TestPaths.WebProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     assembly,
                     "--urls", baseAddress.GetLeftPart(UriPartial.Authority),
                     "--contentRoot", TestPaths.WebProjectDirectory,
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["ConnectionStrings__Lotgenoten"] = $"Data Source={Path.Combine(dataDirectory, "e2e.db")}";
        startInfo.Environment["Database__Provider"] = "Sqlite";
        // Plain console lines (no colours) in the log file.
        startInfo.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        startInfo.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        // Enough logging for the log check (LogSecrets) to read: Information everywhere, ASP.NET Core included, and Debug
        // for the app's own categories, among them its request log (every address, capability tokens masked; ASP.NET
        // Core's own request log writes raw URLs and stays off in code). EF Core's SQL stays at Warning (appsettings):
        // it never has parameter values (no sensitive data logging) and would bury the rest.
        startInfo.Environment["Logging__LogLevel__Default"] = "Information";
        startInfo.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Information";
        startInfo.Environment["Logging__LogLevel__Lotgenoten"] = "Debug";
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment.Remove("ASPNETCORE_HTTP_PORTS");

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false))
        {
            AutoFlush = true,
        };
        await log.WriteLineAsync($"# {DateTimeOffset.UtcNow:O} dotnet {string.Join(' ', startInfo.ArgumentList)}");

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var app = new WebAppProcess(process, log, dataDirectory, baseAddress, logPath);
        process.OutputDataReceived += (_, e) => app.WriteLog(e.Data);
        process.ErrorDataReceived += (_, e) => app.WriteLog(e.Data);
        process.Exited += (_, _) => app.WriteLog($"# {DateTimeOffset.UtcNow:O} the app exited{(app.stopping ? string.Empty : " (not stopped by the tests)")}");

        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start the web app process.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // test.sh stops the app by this file if the test host itself is killed before it could.
        await File.WriteAllTextAsync(PidFile, process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.Kill();

        try
        {
            await app.WaitUntilHealthyAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>The last lines of the app's log, for failure messages.</summary>
    public string LogTail(int lines = 60)
    {
        lock (logLock)
        {
            log.Flush();
        }

        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException exception)
        {
            return $"(could not read {LogPath}: {exception.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM first, so that the app shuts down as in production and flushes its log; SIGKILL if it hangs.
        stopping = true;
        await TerminateAsync();
        Kill();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The kill was sent; do not hang the test run on it.
        }

        lock (logLock)
        {
            log.Dispose();
        }

        process.Dispose();
        File.Delete(PidFile);
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned up by the OS.
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var stopwatch = Stopwatch.StartNew();
        var lastProblem = "no answer yet";
        while (stopwatch.Elapsed < StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The web app exited with code {process.ExitCode} before /health answered. Log ({LogPath}):\n{LogTail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastProblem = $"/health answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                lastProblem = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = "/health timed out";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new TimeoutException(
            $"The web app did not answer /health with 200 within {StartTimeout} ({lastProblem}). Log ({LogPath}):\n{LogTail()}");
    }

    private void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logLock)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the app was stopped.
            }
        }
    }

    private async Task TerminateAsync()
    {
        try
        {
            if (process.HasExited || !OperatingSystem.IsLinux())
            {
                return;
            }

            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
            });
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException
                                              or System.ComponentModel.Win32Exception)
        {
            // Falls back to Kill().
        }
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Not started or already gone.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";
}

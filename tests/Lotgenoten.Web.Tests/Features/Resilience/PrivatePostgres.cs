using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Lotgenoten.Web.Tests.Features.Resilience;

/// <summary>
/// A PostgreSQL cluster of one test, which the test stops and starts (a database that goes away while the app runs).
/// Binaries from <c>LOTGENOTEN_TEST_PG_BIN</c> (./test.sh sets it), else <c>/usr/lib/postgresql/15/bin</c>; as root
/// they run as user postgres (runuser), as PostgreSQL refuses to run as root.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    public const string BinVariable = "LOTGENOTEN_TEST_PG_BIN";

    private static readonly bool IsRoot = Environment.UserName == "root";

    private readonly string _directory;
    private readonly string _bin;

    private PrivatePostgres(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    /// <summary>The superuser on the database <c>postgres</c>; no pooling across a stop, so a test sees the server as it is.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = "postgres",
        Timeout = 5,
        CommandTimeout = 10,
    }.ToString();

    /// <summary>Creates the cluster in a temporary folder and starts it on a free port.</summary>
    public static async Task<PrivatePostgres> CreateAsync(CancellationToken cancellationToken)
    {
        var bin = Environment.GetEnvironmentVariable(BinVariable) is { Length: > 0 } configured ? configured : "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "pg_ctl")))
        {
            throw new InvalidOperationException($"No PostgreSQL binaries in {bin}: install postgresql-15 or set {BinVariable}.");
        }

        var directory = Directory.CreateTempSubdirectory("lotgenoten-pg-fault-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "sock"));
        if (IsRoot)
        {
            await RunAsync("chown", directory, cancellationToken, "-R", "postgres:postgres", directory);
        }

        var cluster = new PrivatePostgres(directory, bin, FreePort());
        await cluster.PgAsync("initdb", cancellationToken, "-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartAsync(cancellationToken);
        return cluster;
    }

    /// <summary>Starts the (stopped) server again on the same port.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await PgAsync("pg_ctl", cancellationToken, "-D", Path.Combine(_directory, "data"), "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {Path.Combine(_directory, "sock")} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        IsRunning = true;
    }

    /// <summary>Stops the server (fast: open connections are cut, as when a database server goes down).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await PgAsync("pg_ctl", cancellationToken, "-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "-t", "60", "stop");
        IsRunning = false;
    }

    public void Dispose()
    {
        if (IsRunning)
        {
            try
            {
                StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already gone: the folder goes below.
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans up the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
            // Idem.
        }
    }

    private Task PgAsync(string tool, CancellationToken cancellationToken, params string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", _directory, cancellationToken, ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), _directory, cancellationToken, arguments);

    private static async Task RunAsync(string fileName, string workingDirectory, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

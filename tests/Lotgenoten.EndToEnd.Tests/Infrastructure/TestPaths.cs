namespace Lotgenoten.EndToEnd.Tests.Infrastructure;

/// <summary>Where the repository, the web app's build output and the test output are.</summary>
internal static class TestPaths
{
    /// <summary>The repository root: the folder that holds <c>Lotgenoten.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The web project's folder, used as the app's content root.</summary>
    public static string WebProjectDirectory => Path.Combine(RepositoryRoot, "Lotgenoten.Web");

    /// <summary><c>test-output/</c> at the repository root (overridable with <c>LOTGENOTEN_TEST_OUTPUT</c>).</summary>
    public static string TestOutput
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("LOTGENOTEN_TEST_OUTPUT") is { Length: > 0 } configured
                ? configured
                : Path.Combine(RepositoryRoot, "test-output");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary><c>test-output/screenshots/</c>.</summary>
    public static string Screenshots
    {
        get
        {
            var path = Path.Combine(TestOutput, "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>
    /// The web app's own build output (<c>Lotgenoten.Web/bin/&lt;Configuration&gt;/net10.0/Lotgenoten.Web.dll</c>),
    /// in the same configuration as this test assembly. It has the runtime config and static web asset manifests
    /// that a copy in this project's output lacks.
    /// </summary>
    public static string WebAppAssembly
    {
        get
        {
            // AppContext.BaseDirectory is .../tests/Lotgenoten.EndToEnd.Tests/bin/<Configuration>/<tfm>/
            var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfmDirectory.Parent?.Name ?? "Debug";
            var path = Path.Combine(WebProjectDirectory, "bin", configuration, tfmDirectory.Name, "Lotgenoten.Web.dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"The web app is not built at {path}. Build the solution (or this test project) first.", path);
            }

            return path;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lotgenoten.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Lotgenoten.sln above {AppContext.BaseDirectory}.");
    }
}

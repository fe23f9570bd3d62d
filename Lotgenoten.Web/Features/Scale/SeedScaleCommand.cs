using System.Globalization;
using System.Text.Json;
using Lotgenoten.Infrastructure;
using Lotgenoten.Infrastructure.Demo.Scale;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Web.Features.Scale;

/// <summary>
/// <c>dotnet Lotgenoten.Web.dll seed-scale [--years N] [--scale F] [--seed S] [--ids-file PATH]</c>: fills an empty
/// database with years of a large helpline for benchmarks (see <see cref="ScaleSeeder"/>) and exits without starting
/// the web server. It reads the app's own configuration (database provider, connection string, keys; environment
/// variables override). Exit codes: 0 done, 1 bad arguments or configuration, 2 the database is not empty.
/// </summary>
public static class SeedScaleCommand
{
    public const string Name = "seed-scale";

    public const int ExitBadArguments = 1;

    public const int ExitNotEmpty = 2;

    private const string Usage =
        "Usage: seed-scale [--years N (1-20, default 10)] [--scale F (default 50)] [--seed S (default 2026)] [--ids-file PATH]";

    /// <summary>True when the first argument is <c>seed-scale</c>.</summary>
    public static bool IsRequested(string[] args) =>
        args is { Length: > 0 } && string.Equals(args[0], Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParse(args.Skip(1).ToArray(), out var options, out var idsFile, out var rest, out var error))
        {
            await Console.Error.WriteLineAsync(error);
            await Console.Error.WriteLineAsync(Usage);
            return ExitBadArguments;
        }

        var builder = WebApplication.CreateBuilder(rest);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        // Migrating a fresh PostgreSQL database first reads a history table that is not there yet: EF logs that as an
        // error although nothing is wrong. A real failure still ends the command with its exception.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.AddInfrastructure();
        await using var app = builder.Build();
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("The configuration is not valid: " + e.Message);
            return ExitBadArguments;
        }

        var seeder = ActivatorUtilities.CreateInstance<ScaleSeeder>(app.Services);
        var provider = app.Configuration["Database:Provider"] ?? "Sqlite";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed-scale: {options.Years} years x {options.Scale} (seed {options.Seed}) into {provider}..."));
        ScaleResult result;
        try
        {
            result = await seeder.SeedAsync(options, ct);
        }
        catch (ScaleDatabaseNotEmptyException e)
        {
            await Console.Error.WriteLineAsync(e.Message + " Point ConnectionStrings:Lotgenoten at an empty database (or delete the SQLite file).");
            return ExitNotEmpty;
        }

        var total = result.GenerateTime + result.WriteTime;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            referrals      {result.Referrals,9} (waiting now: {result.Waiting})
            groups         {result.Groups,9}
            memberships    {result.Memberships,9} ({result.Participants} participant accounts)
            meetings       {result.Meetings,9}
            attendance     {result.Attendance,9}
            rsvps          {result.Responses,9}
            notes          {result.Notes,9} ({result.Concerns} safeguarding concerns)
            audit events   {result.AuditEvents,9}
            built in {result.GenerateTime.TotalSeconds:F1} s, written in {result.WriteTime.TotalSeconds:F1} s, total {total.TotalSeconds:F1} s
            facilitator registers: {result.Registers.Count} in {result.FacilitatorGroups.Count} groups
            """));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SCALE {result.Referrals} {result.Groups} {result.Meetings} {result.Attendance}"));

        if (idsFile is not null)
        {
            var json = JsonSerializer.Serialize(new { registers = result.Registers, groups = result.FacilitatorGroups });
            await File.WriteAllTextAsync(idsFile, json, ct);
            Console.WriteLine("ids written to " + Path.GetFullPath(idsFile));
        }

        return 0;
    }

    /// <summary>Reads the command's own options; everything else (e.g. <c>--Database:Provider=Postgres</c>) goes to configuration.</summary>
    internal static bool TryParse(string[] args, out ScaleOptions options, out string? idsFile, out string[] rest, out string? error)
    {
        options = new ScaleOptions();
        idsFile = null;
        error = null;
        var others = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.ToLowerInvariant();
            if (name is not ("--years" or "--scale" or "--seed" or "--ids-file"))
            {
                others.Add(arg);
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{arg} needs a value.";
                break;
            }

            var value = args[++i];
            switch (name)
            {
                case "--years" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var years):
                    options = options with { Years = years };
                    break;
                case "--scale" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale):
                    options = options with { Scale = scale };
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--ids-file":
                    idsFile = value;
                    break;
                default:
                    error = $"{arg} has a value that is not a number: {value}";
                    break;
            }

            if (error is not null)
            {
                break;
            }
        }

        error ??= options.Validate();
        rest = [.. others];
        return error is null;
    }
}

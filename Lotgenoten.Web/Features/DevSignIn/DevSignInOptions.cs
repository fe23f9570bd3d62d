namespace Lotgenoten.Web.Features.DevSignIn;

/// <summary><c>DevSignIn:Enabled</c>: sign in as a demo user without Entra ID. Development only.</summary>
public sealed class DevSignInOptions
{
    public const string Section = "DevSignIn";
    public const string Path = "/dev/signin";

    public bool Enabled { get; set; }

    /// <summary>The setting, or its default: on in Development, off everywhere else.</summary>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return configuration.GetValue<bool?>($"{Section}:{nameof(Enabled)}") ?? environment.IsDevelopment();
    }
}

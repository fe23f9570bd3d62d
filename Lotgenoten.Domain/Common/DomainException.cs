namespace Lotgenoten.Domain.Common;

/// <summary>
/// A rule of the domain would break. <see cref="Code"/> is stable and is what the UI translates into the user's
/// language; <see cref="Exception.Message"/> is an English explanation for developers and logs (never personal data).
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message) : base(message) => Code = code;

    public DomainException()
    {
        Code = "domain";
    }

    public DomainException(string message) : base(message) => Code = "domain";

    public DomainException(string message, Exception innerException) : base(message, innerException) => Code = "domain";

    /// <summary>A stable, dotted identifier of the broken rule, e.g. <c>referral.transition</c>.</summary>
    public string Code { get; }
}

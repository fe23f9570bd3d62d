using System.ComponentModel.DataAnnotations;

namespace Lotgenoten.Web.Components.Shared;

/// <summary>Where the quick exit ("Snel weg") sends a participant: a neutral site that says nothing about us.</summary>
public sealed class QuickExitOptions
{
    public const string Section = "QuickExit";

    /// <summary>An absolute https URL of a neutral site.</summary>
    [Required]
    [Url]
    public string Url { get; set; } = "https://www.google.be/";
}

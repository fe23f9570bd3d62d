namespace Lotgenoten.Web.Components;

/// <summary>Texts of the shell (app bar, navigation, error and status pages); see ShellTexts.resx.</summary>
public sealed class ShellTexts;

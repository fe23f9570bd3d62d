using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Lotgenoten.Web.Tests.Infrastructure;

/// <summary>The shared bUnit base: MudBlazor's services, the app's texts, and loose JS interop.</summary>
public abstract class MudBunitContext : BunitContext
{
    protected MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
    }
}

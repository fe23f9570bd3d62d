using FluentValidation;

namespace Lotgenoten.Web.Features.Groups;

/// <summary>Registers the groups feature.</summary>
public static class GroupsServiceCollectionExtensions
{
    /// <summary>The group service (scoped: one per circuit or request) and the validator of its form.</summary>
    public static IServiceCollection AddGroups(this IServiceCollection services)
    {
        services.AddScoped<GroupService>();
        services.AddScoped<IValidator<GroupInput>, GroupInputValidator>();
        return services;
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lotgenoten.Infrastructure.Data.Configurations;

internal static class ConfigurationExtensions
{
    /// <summary>The longest enum name we store.</summary>
    public const int EnumNameMaxLength = 32;

    /// <summary>Stores an enum by its name: readable in the database and safe when members are added or reordered.</summary>
    public static PropertyBuilder<TEnum> StoredAsName<TEnum>(this PropertyBuilder<TEnum> property) =>
        property.HasConversion<string>().HasMaxLength(EnumNameMaxLength);
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure.Data;

/// <summary>Refuses to start with PostgreSQL and no connection string.</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        options.Provider == DatabaseProvider.Postgres
        && string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            ? ValidateOptionsResult.Fail(DatabaseConnection.MissingPostgresConnectionString)
            : ValidateOptionsResult.Success;
}

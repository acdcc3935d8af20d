using Actors.Hosting;

/// <summary>
/// 'silo migrate --postgres "&lt;connection string&gt;"': applies the PostgreSQL schema Orleans' AdoNet
/// providers need, idempotently, and prints what it did. Exit 0 done, 1 the database could not be
/// reached or a script failed, 2 bad arguments.
/// </summary>
internal static class MigrateCommand
{
    public const string Name = "migrate";

    public const string Help = """
        Actors silo migrate: creates or updates the PostgreSQL schema for clustering, grain state and reminders.

        Usage: dotnet run --project silo -- migrate --postgres "<Npgsql connection string>"

          --postgres <connection string>   e.g. "Host=127.0.0.1;Port=5432;Username=postgres;Database=actors;Maximum Pool Size=40"
                                           (the database is created when missing; safe to run any number of times)

        Exit codes: 0 done, 1 the database could not be reached or a script failed, 2 bad arguments.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(Help);
            return 0;
        }

        if (args is not ["--postgres", var connectionString] || string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine($"migrate: expected exactly --postgres \"<connection string>\", got: {(args.Length == 0 ? "(nothing)" : string.Join(' ', args))}");
            Console.Error.WriteLine(Help);
            return 2;
        }

        PostgreSqlMigrator migrator;
        try
        {
            migrator = new PostgreSqlMigrator(connectionString, line => Console.WriteLine($"  {line}"));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"migrate: --postgres is not an Npgsql connection string: {e.Message}");
            return 2;
        }

        try
        {
            Console.WriteLine($"Migrating PostgreSQL schema ({PostgreSqlMigrator.ScriptNames.Count} scripts):");
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            await migrator.MigrateAsync(cancel.Token);
            Console.WriteLine("Schema is up to date.");
            return 0;
        }
        catch (PostgreSqlMigrationException e)
        {
            Console.Error.WriteLine($"migrate failed: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("migrate: cancelled; each script runs in its own transaction, so none is half-applied.");
            return 1;
        }
    }
}

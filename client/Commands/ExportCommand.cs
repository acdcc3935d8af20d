using System.CommandLine;
using System.Text;
using Actors.Client.Infrastructure;
using Actors.Client.Parsing;
using Actors.Users;
using Spectre.Console;

namespace Actors.Client.Commands;

/// <summary>export: the right of access, everything held about a user as JSON, to stdout or a file.</summary>
public static class ExportCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var user = CliOptions.User();
        var output = new Option<FileInfo?>("--out") { Description = "Write the JSON to this file instead of standard output.", HelpName = "file.json" };
        output.Validators.Add(result =>
        {
            var file = result.GetValueOrDefault<FileInfo?>();
            if (file is not null && (file.Directory is null || !file.Directory.Exists))
            {
                result.AddError($"--out '{file.FullName}': the directory {file.DirectoryName} does not exist.");
            }
            else if (file is not null && Directory.Exists(file.FullName))
            {
                result.AddError($"--out '{file.FullName}': is a directory, expected a file name.");
            }
        });
        var command = new Command("export", "Export everything held about a user as JSON (right of access).") { user, output };
        runner.Bind(command, parse =>
        {
            var userId = Ids.User(parse.GetValue(user));
            var file = parse.GetValue(output);
            return async context =>
            {
                var json = await context.Grains.GetGrain<IUserGrain>(userId).Export(ConsentCommand.Actor);
                if (file is null)
                {
                    await context.Io.RawOut.WriteLineAsync(json);
                    return;
                }

                await WriteAtomically(file, json, context.CancellationToken);
                context.Out.MarkupLine($"[green]exported user {Markup.Escape(userId)}[/]: {Encoding.UTF8.GetByteCount(json)} bytes to {Markup.Escape(file.FullName)}");
            };
        });
        return command;
    }

    /// <summary>Writes next to the target and renames, so a failure never leaves a half-written export.</summary>
    private static async Task WriteAtomically(FileInfo file, string json, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(file.DirectoryName!, $".{file.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
            File.Move(temporary, file.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

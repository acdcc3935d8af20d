using System.CommandLine;
using Actors.Client.Commands;
using Actors.Client.Infrastructure;

namespace Actors.Client;

/// <summary>The command tree: global connection options and one command per file under Commands/.</summary>
public static class RootCommandFactory
{
    public const string Description = """
        Actors client: talk to the bank + Messenger grains of an Actors cluster.
        Without --gateway every command starts its own in-process silo (state lasts for that one command);
        with --gateway host:port it talks to a running silo, whose state outlives the command.
        Exit codes: 0 done (a declined payment is still an answer), 1 the job failed (the message names the
        error, e.g. "error: MalformedId: ..."), 2 bad flags, a malformed --amount included (nothing was sent).
        """;

    public static RootCommand Create(ClientIo io, IClusterConnector connector)
    {
        var connection = new ConnectionOptions();
        var runner = new CommandRunner(io, connector, connection);
        var root = new RootCommand(Description);
        connection.AddTo(root);
        root.Subcommands.Add(OpenUserCommand.Create(runner));
        root.Subcommands.Add(ConsentCommand.Create(runner));
        root.Subcommands.Add(PostingCommands.Deposit(runner));
        root.Subcommands.Add(PostingCommands.Withdraw(runner));
        root.Subcommands.Add(AuthorizeCommand.Create(runner));
        root.Subcommands.Add(TransferCommand.Create(runner));
        root.Subcommands.Add(FreezeCommands.Freeze(runner));
        root.Subcommands.Add(FreezeCommands.Unfreeze(runner));
        root.Subcommands.Add(BalanceCommand.Create(runner));
        root.Subcommands.Add(UserDataCommands.Inbox(runner));
        root.Subcommands.Add(UserDataCommands.Audit(runner));
        root.Subcommands.Add(ExportCommand.Create(runner));
        root.Subcommands.Add(UserDataCommands.Erase(runner));
        root.Subcommands.Add(DemoCommand.Create(runner));
        return root;
    }
}

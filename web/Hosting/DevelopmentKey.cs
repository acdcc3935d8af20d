using Actors.Web.Living;

namespace Actors.Web.Hosting;

/// <summary>
/// A gateway credential of the demo: made from the role and subject (so the same world prints the same keys), valid
/// only in this process. Development only, like the gateway's own <c>Key</c> setting.
/// </summary>
public sealed record DevelopmentKey(string Role, string Subject, string Key)
{
    /// <summary>Messenger as partner, the first person as user, and each bank of the population.</summary>
    public static IReadOnlyList<DevelopmentKey> For(LivingWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var population = world.Population;
        var keys = new List<DevelopmentKey>
        {
            Make("Partner", Actors.ActorsConstants.MessengerActor),
            Make("User", population.UserIds[0]),
        };
        keys.AddRange(population.Banks.Select(b => Make("Bank", b.Bank)));
        return keys;
    }

    private static DevelopmentKey Make(string role, string subject) =>
        new(role, subject, $"dev-{role.ToLowerInvariant()}-{subject.ToLowerInvariant()}-key");
}

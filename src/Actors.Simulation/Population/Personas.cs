namespace Actors.Simulation.Population;

/// <summary>
/// Spending archetypes: each has a category mix (weights over <see cref="MerchantCategories.All"/>),
/// so users differ in what they buy while the hot loop only needs one alias table per persona.
/// </summary>
public sealed record Persona(string Name, double[] CategoryWeights);

public static class Personas
{
    //                                    groc rest fast fuel dept phar elec onl  dig  tran air  hotl ent  gamb cryp
    public static readonly IReadOnlyList<Persona> All =
    [
        new("commuter", [20, 8, 14, 14, 4, 4, 1, 6, 6, 18, 0.3, 0.3, 3, 0.2, 0.2]),
        new("family", [34, 6, 8, 12, 10, 8, 2, 10, 3, 2, 0.5, 0.5, 4, 0.2, 0.1]),
        new("student", [14, 6, 22, 2, 3, 3, 2, 10, 18, 12, 0.3, 0.2, 7, 0.5, 0.5]),
        new("traveler", [12, 16, 8, 6, 5, 3, 2, 8, 4, 8, 6, 10, 5, 0.3, 0.3]),
        new("affluent", [18, 18, 4, 8, 12, 4, 5, 12, 4, 3, 3, 4, 6, 0.3, 1.0]),
        new("frugal", [40, 3, 10, 12, 6, 8, 1, 6, 3, 8, 0.1, 0.1, 2, 0.1, 0.1]),
    ];
}

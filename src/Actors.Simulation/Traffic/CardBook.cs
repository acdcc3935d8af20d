using Actors.Simulation.Randomness;

namespace Actors.Simulation.Traffic;

/// <summary>
/// The cards of each account (format 3): one in 75 % of accounts, two in 20 %, three in 5 % (a partner's
/// card, a replacement, a virtual card), numbered from 1; card 1 is the account's <c>card_number</c>.
/// A payment uses card 1 seven times in ten when there are others, else one of the others. Both come
/// from streams of their own (per account, per payment instant), so cards shift nothing else.
/// </summary>
internal sealed class CardBook
{
    private readonly long _seed;
    private readonly byte[] _count;

    public CardBook(long seed, int accounts)
    {
        _seed = seed;
        _count = new byte[accounts];
        for (var a = 0; a < accounts; a++)
        {
            var roll = new Xoshiro256(SeedMix.Of(seed, SeedMix.CardStream, a)).NextDouble();
            _count[a] = (byte)(roll < 0.75 ? 1 : roll < 0.95 ? 2 : 3);
        }
    }

    public int Count(int account) => _count[account];

    /// <summary>The card a payment on <paramref name="account"/> at <paramref name="timeMs"/> uses.</summary>
    public int Choose(int account, long timeMs)
    {
        var count = _count[account];
        if (count == 1)
        {
            return 1;
        }

        var random = new Xoshiro256(SeedMix.Of(unchecked((long)SeedMix.Of(_seed, SeedMix.CardChoiceStream, account)), SeedMix.CardChoiceStream, timeMs));
        return random.Chance(0.7) ? 1 : 2 + random.NextInt(count - 1);
    }
}

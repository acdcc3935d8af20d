namespace Actors.Simulation.Population;

/// <summary>The Luhn (mod 10) check digit that card numbers carry.</summary>
public static class Luhn
{
    /// <summary>The digit to append to <paramref name="payload"/> so the whole number passes the check.</summary>
    public static char CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var d = payload[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    public static bool IsValid(ReadOnlySpan<char> number) =>
        number.Length >= 2 && !number.ContainsAnyExceptInRange('0', '9') && CheckDigit(number[..^1]) == number[^1];
}

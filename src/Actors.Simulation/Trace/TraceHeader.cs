using System.Globalization;
using System.Text;
using System.Text.Json;
using Actors.Simulation.Options;
using Actors.Simulation.Population;

namespace Actors.Simulation.Trace;

/// <summary>
/// What a trace says about itself: format and generator versions, the seed and every parameter
/// (enough to generate it again), and a summary of the population. Serialized as one JSON object
/// with a fixed key order, so equal headers are equal bytes.
/// </summary>
public sealed record TraceHeader(int FormatVersion, string GeneratorVersion, SimulationOptions Options, PopulationSummary Population)
{
    /// <summary>Whether files of this header's format version carry checksums (format 2 on).</summary>
    public bool HasChecksums => FormatVersion >= TraceFormatInfo.FirstChecksummedVersion;

    /// <summary>Whether files of this header's format version carry format 3's columns: the balances, original_seq and the coordinates.</summary>
    public bool HasFormat3Columns => FormatVersion >= TraceFormatInfo.FirstBalanceVersion;

    public static TraceHeader For(World world) =>
        new(TraceFormatInfo.FormatVersion, TraceFormatInfo.GeneratorVersion, world.Options, PopulationSummary.Of(world));

    public string ToJson(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var o = Options;
        json.WriteStartObject();
        json.WriteString("format", TraceFormatInfo.FormatName);
        json.WriteNumber("format_version", FormatVersion);
        json.WriteString("generator", TraceFormatInfo.GeneratorName);
        json.WriteString("generator_version", GeneratorVersion);
        json.WriteNumber("seed", o.Seed);
        json.WriteStartObject("parameters");
        json.WriteNumber("users", o.Users);
        json.WriteNumber("days", o.Days);
        json.WriteString("start", o.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteNumber("merchants", o.EffectiveMerchants);
        json.WriteNumber("card_events_per_day", o.CardEventsPerDay);
        json.WriteNumber("balance_checks_per_day", o.BalanceChecksPerDay);
        json.WriteNumber("transfers_per_day", o.TransfersPerDay);
        json.WriteNumber("consent_changes_per_day", o.ConsentChangesPerDay);
        json.WriteNumber("travel_probability", o.TravelProbability);
        json.WriteStartArray("banks");
        foreach (var bank in o.Banks)
        {
            json.WriteStartObject();
            json.WriteString("bank", bank.Bank);
            json.WriteString("region", bank.Region);
            json.WriteNumber("share", bank.Share);
            json.WriteString("card_prefix", bank.BinPrefix);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("fraud");
        json.WriteNumber("card_testing", o.Fraud.CardTesting);
        json.WriteNumber("account_takeover", o.Fraud.AccountTakeover);
        json.WriteNumber("cloned_card", o.Fraud.ClonedCard);
        json.WriteNumber("merchant_compromise", o.Fraud.MerchantCompromise);
        if (FormatVersion >= TraceFormatInfo.FirstFollowUpVersion)
        {
            json.WriteNumber("drift", o.Fraud.Drift);
        }

        json.WriteEndObject();
        if (FormatVersion >= TraceFormatInfo.FirstFollowUpVersion)
        {
            json.WriteNumber("atm_withdrawals_per_day", o.AtmWithdrawalsPerDay);
            json.WriteNumber("refund_rate", o.RefundRate);
            json.WriteStartObject("labels");
            json.WriteNumber("unreported_fraud", o.UnreportedFraudShare);
            json.WriteNumber("label_noise", o.LabelNoise);
            json.WriteNumber("chargeback_delay_days", o.ChargebackDelayDays);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("population");
        json.WriteNumber("users", Population.Users);
        json.WriteNumber("accounts", Population.Accounts);
        json.WriteNumber("merchants", Population.Merchants);
        WriteCounts(json, "accounts_per_bank", Population.AccountsPerBank);
        WriteCounts(json, "users_per_country", Population.UsersPerCountry);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Reads a header; anything missing, malformed or of another version is a <see cref="TraceFormatException"/>.</summary>
    public static TraceHeader Parse(JsonElement root, string file, string where)
    {
        try
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != TraceFormatInfo.FormatName)
            {
                throw new TraceFormatException(file, where, $"not an actors trace header (expected \"format\": \"{TraceFormatInfo.FormatName}\")");
            }

            var version = Required(root, "format_version", file, where).GetInt32();
            if (!TraceFormatInfo.ReadableVersions.Contains(version))
            {
                throw new TraceFormatException(file, where, $"unknown format version {version}; this reader understands versions {string.Join(", ", TraceFormatInfo.ReadableVersions.SkipLast(1))} and {TraceFormatInfo.ReadableVersions[^1]}");
            }

            var p = Required(root, "parameters", file, where);
            var fraud = Required(p, "fraud", file, where);
            var options = new SimulationOptions
            {
                Seed = Required(root, "seed", file, where).GetInt64(),
                Users = Required(p, "users", file, where).GetInt32(),
                Days = Required(p, "days", file, where).GetInt32(),
                Start = DateOnly.ParseExact(Required(p, "start", file, where).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Merchants = Required(p, "merchants", file, where).GetInt32(),
                CardEventsPerDay = Required(p, "card_events_per_day", file, where).GetDouble(),
                BalanceChecksPerDay = Required(p, "balance_checks_per_day", file, where).GetDouble(),
                TransfersPerDay = Required(p, "transfers_per_day", file, where).GetDouble(),
                ConsentChangesPerDay = Required(p, "consent_changes_per_day", file, where).GetDouble(),
                TravelProbability = Required(p, "travel_probability", file, where).GetDouble(),
                Banks = Required(p, "banks", file, where).EnumerateArray().Select(b => new BankShare(
                    b.GetProperty("bank").GetString()!, b.GetProperty("region").GetString()!, b.GetProperty("share").GetDouble(), b.GetProperty("card_prefix").GetString()!)).ToArray(),
                Fraud = new FraudRates
                {
                    CardTesting = Required(fraud, "card_testing", file, where).GetDouble(),
                    AccountTakeover = Required(fraud, "account_takeover", file, where).GetDouble(),
                    ClonedCard = Required(fraud, "cloned_card", file, where).GetDouble(),
                    MerchantCompromise = Required(fraud, "merchant_compromise", file, where).GetDouble(),
                },
            };
            // Formats 1 and 2 made no ATM withdrawals, refunds or chargebacks: every fraud unreported, no label noise.
            if (version >= TraceFormatInfo.FirstFollowUpVersion)
            {
                options.Fraud.Drift = Required(fraud, "drift", file, where).GetDouble();
                options.AtmWithdrawalsPerDay = Required(p, "atm_withdrawals_per_day", file, where).GetDouble();
                options.RefundRate = Required(p, "refund_rate", file, where).GetDouble();
                var labels = Required(p, "labels", file, where);
                options.UnreportedFraudShare = Required(labels, "unreported_fraud", file, where).GetDouble();
                options.LabelNoise = Required(labels, "label_noise", file, where).GetDouble();
                options.ChargebackDelayDays = Required(labels, "chargeback_delay_days", file, where).GetDouble();
            }
            else
            {
                options.AtmWithdrawalsPerDay = 0;
                options.RefundRate = 0;
                options.UnreportedFraudShare = 1;
                options.LabelNoise = 0;
            }

            var pop = Required(root, "population", file, where);
            var summary = new PopulationSummary(
                Required(pop, "users", file, where).GetInt32(),
                Required(pop, "accounts", file, where).GetInt32(),
                Required(pop, "merchants", file, where).GetInt32(),
                ReadCounts(Required(pop, "accounts_per_bank", file, where)),
                ReadCounts(Required(pop, "users_per_country", file, where)));
            return new TraceHeader(version, Required(root, "generator_version", file, where).GetString() ?? "", options, summary);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new TraceFormatException(file, where, $"malformed header: {e.Message}", e);
        }
    }

    private static JsonElement Required(JsonElement parent, string name, string file, string where) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? value
            : throw new TraceFormatException(file, where, $"header has no \"{name}\"");

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyList<KeyValuePair<string, int>> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts)
        {
            json.WriteNumber(key, count);
        }

        json.WriteEndObject();
    }

    private static KeyValuePair<string, int>[] ReadCounts(JsonElement element) =>
        element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetInt32())).ToArray();
}

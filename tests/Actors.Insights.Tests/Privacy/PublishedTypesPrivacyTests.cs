using System.Collections;
using System.Reflection;
using System.Text.Json;
using Actors.Insights.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Actors.Insights.Tests.Privacy;

/// <summary>
/// No user key, user id or account id can leave through a published result: not by the shape of the
/// types (reflection over everything reachable from <see cref="PublishedInsights"/>) and not in the
/// bytes of a real result (JSON for people, the Orleans wire format for clients).
/// </summary>
public sealed class PublishedTypesPrivacyTests
{
    private static readonly string[] IdentifyingWords = ["userkey", "userid", "accountid", "owner", "key", "iban", "card", "merchantid"];

    [Fact]
    public void Published_types_have_no_identifier_shaped_property()
    {
        var properties = ReachableProperties(typeof(PublishedInsights)).ToArray();

        Assert.Contains(properties, p => p.Name == nameof(PublishedBucket.DistinctUsers)); // the walk reaches the buckets
        foreach (var property in properties)
        {
            var where = $"{property.DeclaringType!.Name}.{property.Name}";
            var name = property.Name.ToUpperInvariant();
            Assert.False(IdentifyingWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)), $"{where} is named like an identifier");
            Assert.False(name.EndsWith("ID", StringComparison.Ordinal), $"{where} is named like an identifier");
            var type = ElementType(property.PropertyType);
            Assert.False(type == typeof(ulong) || type == typeof(Guid), $"{where} has the type of a user key ({type.Name})");
        }
    }

    [Fact]
    public void Published_strings_are_only_the_region_and_currency_codes()
    {
        var strings = ReachableProperties(typeof(PublishedInsights))
            .Where(p => ElementType(p.PropertyType) == typeof(string))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(["Currency.Code", "PublishedBucket.Region", "PublishedInsights.Region"], strings);
    }

    [Fact]
    public void A_serialized_result_contains_no_user_key()
    {
        var keys = Enumerable.Range(0, 50).Select(Events.UserKey).ToArray();
        var result = Publish(keys.Select(k => Events.Grocery("DE", k, 1_234)).ToArray());
        Assert.Single(result.Buckets);

        var json = JsonSerializer.Serialize(result);

        foreach (var key in keys)
        {
            Assert.DoesNotContain(key.ToString(System.Globalization.CultureInfo.InvariantCulture), json, StringComparison.Ordinal);
            Assert.DoesNotContain(key.ToString("x", System.Globalization.CultureInfo.InvariantCulture), json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_wire_form_of_a_result_does_not_grow_with_the_number_of_users()
    {
        var serializer = new ServiceCollection()
            .AddSerializer(s => s.AddAssembly(typeof(PublishedInsights).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();
        var few = Publish(Batches.DistinctUsers("DE", 10));
        var many = Publish(Batches.DistinctUsers("DE", 5_000));

        var fewBytes = serializer.SerializeToArray(few);
        var manyBytes = serializer.SerializeToArray(many);

        // Only the counts' variable-length encodings may differ; 5,000 keys would add at least 5,000 bytes.
        Assert.InRange(manyBytes.Length - fewBytes.Length, 0, 16);
        Assert.Equal(5_000, serializer.Deserialize<PublishedInsights>(manyBytes)!.Buckets[0].DistinctUsers);
    }

    private static PublishedInsights Publish(InsightEvent[] events)
    {
        var state = new MerchantInsightsState();
        RegionAggregation.Merge(state, "DE", Batches.Of(1, events), Events.Monday);
        return InsightsPublisher.Publish("DE", state, k: 10, Events.Monday.AddDays(1));
    }

    /// <summary>Public instance properties of <paramref name="root"/> and of every project type reachable from it.</summary>
    private static IEnumerable<PropertyInfo> ReachableProperties(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([root]);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                yield return property;
                var next = ElementType(property.PropertyType);
                if (next.Namespace?.StartsWith("Actors", StringComparison.Ordinal) == true && !next.IsEnum)
                {
                    pending.Enqueue(next);
                }
            }
        }
    }

    /// <summary>T for T, T[], IEnumerable&lt;T&gt; and the like; the type itself otherwise.</summary>
    private static Type ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType()!;
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var enumerable = type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
            return enumerable?.GetGenericArguments()[0] ?? typeof(object);
        }

        return Nullable.GetUnderlyingType(type) ?? type;
    }
}

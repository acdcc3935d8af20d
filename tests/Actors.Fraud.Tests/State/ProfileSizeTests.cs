using System.Reflection;
using Actors.Domain.Fraud;
using Actors.Fraud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Actors.Fraud.Tests.State;

public sealed class ProfileSizeTests
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Serialized_profile_stays_under_300_bytes_after_thousands_of_authorizations()
    {
        var detector = new RuleBasedDetector(new FraudOptions());
        var profile = new AccountFraudProfile();
        var sizes = new List<int>();

        var day = 0;
        foreach (var authorization in OrdinaryUser.Days(Authorizations.Monday, 2_000, seed: 3))
        {
            detector.Assess(authorization, profile);
            if (authorization.Timestamp.DayOfYear != day)
            {
                day = authorization.Timestamp.DayOfYear;
                sizes.Add(_serializer.SerializeToArray(profile).Length);
            }
        }

        Assert.True(profile.Assessments > 5_000, $"{profile.Assessments} assessments");
        Assert.True(sizes.Max() < 300, $"largest serialized profile: {sizes.Max()} bytes");

        // Nothing accumulates: the size after years is what it was after the first month.
        Assert.InRange(sizes[^1], 1, sizes.Take(30).Max() + 8);
    }

    [Fact]
    public void Serialized_profile_round_trips_with_the_same_behaviour()
    {
        var detector = new RuleBasedDetector(new FraudOptions());
        var profile = new AccountFraudProfile();
        foreach (var authorization in OrdinaryUser.Days(Authorizations.Monday, 60, seed: 4))
        {
            detector.Assess(authorization, profile);
        }

        var copy = _serializer.Deserialize<AccountFraudProfile>(_serializer.SerializeToArray(profile));
        Assert.NotNull(copy);
        var probe = Authorizations.At(Authorizations.Monday.AddDays(61).AddHours(3), amountMinor: 90_000, merchant: "M-X", category: 7995, country: "GB");

        Assert.Equal(detector.Assess(probe, profile), detector.Assess(probe, copy));
        Assert.Equal(profile.Hours, copy.Hours);
        Assert.Equal(profile.Merchants, copy.Merchants);
        Assert.Equal(profile.LongWindow, copy.LongWindow);
    }

    [Fact]
    public void Profile_holds_only_fixed_size_values()
    {
        foreach (var field in AllFields(typeof(AccountFraudProfile)))
        {
            Assert.True(field.FieldType.IsValueType, $"{field.DeclaringType!.Name}.{field.Name} is a {field.FieldType.Name}: a reference can grow");
        }
    }

    private static IEnumerable<FieldInfo> AllFields(Type type)
    {
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            yield return field;
            if (field.FieldType.IsValueType && !field.FieldType.IsPrimitive && !field.FieldType.IsEnum)
            {
                foreach (var inner in AllFields(field.FieldType))
                {
                    yield return inner;
                }
            }
        }
    }
}

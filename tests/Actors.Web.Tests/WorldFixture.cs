using Actors.Web.Hosting;
using Microsoft.Playwright;

namespace Actors.Web.Tests;

/// <summary>
/// One living world for the browser tests: the web app on a free port (--urls http://127.0.0.1:0) over an embedded
/// silo on free ports, 60 people, traffic off (each test makes what it needs), and Debian's chromium driven by
/// Playwright (no browser download). Tests take different people, so they do not see each other's effects.
/// </summary>
public sealed class WorldFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private int _nextUser;

    public LivingWorldHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        Host = await LivingWorldHost.StartAsync(new WebOptions { Urls = "http://127.0.0.1:0", GatewayUrls = "http://127.0.0.1:0", Users = 60, Rate = 0 });
        Http.BaseAddress = Host.Url;
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"The browser tests drive Debian's chromium at {Chromium}, which is missing: apt-get install -y chromium (.ci/run does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        // Generous: in CI the other test assemblies share the 2 cores; a passing step takes well under a second.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>A person no other test has taken, whose first account's currency has cents (the tests type 12.34).</summary>
    public (string UserId, string Name, string AccountId, string Bank) TakeUser()
    {
        var population = Host.World.Population;
        while (true)
        {
            var u = Interlocked.Increment(ref _nextUser);
            var account = population.FirstAccount[u];
            if (Money.Currency.Parse(population.CurrencyOfAccount(account)).MinorDigits == 2)
            {
                return (population.UserIds[u], population.UserNames[u], population.AccountIds[account], Host.World.BankOf(account));
            }
        }
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Host.Url.ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

using System.Globalization;
using System.Net.Http.Json;
using Actors.Web.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Actors.Screenshots;

/// <summary>
/// Makes the README's screenshots: starts the living world on a free port, sets up a person the way a presenter
/// would (consents, a few payments, an injected cloned card), lets live traffic and a few more injected
/// patterns fill the charts, and photographs the Messenger, Bank and World views at 1280×800 and 1920×1080 with
/// Debian's chromium. Every wait is a Playwright expectation with a deadline. Exit codes: 0 done, 1 failed, 2 bad arguments.
/// </summary>
public static class ScreenshotTour
{
    private const string Chromium = "/usr/bin/chromium";
    private const int ChartAuthorizations = 300;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 1 || args is ["--help" or "-h"])
        {
            await error.WriteLineAsync("Usage: dotnet run --project scripts/screenshots -- [OUT_DIR]   (default docs/screenshots)");
            return args is ["--help" or "-h"] ? 0 : 2;
        }

        var folder = Path.GetFullPath(args is [var dir] ? dir : Path.Combine("docs", "screenshots"));
        if (!File.Exists(Chromium))
        {
            await error.WriteLineAsync($"error: Debian's chromium is missing at {Chromium}: apt-get install -y chromium");
            return 1;
        }

        Directory.CreateDirectory(folder);
        await using var host = await LivingWorldHost.StartAsync(new WebOptions { Urls = "http://127.0.0.1:0", GatewayUrls = "http://127.0.0.1:0", Users = 200, Rate = 20 });
        using var http = new HttpClient { BaseAddress = host.Url };
        var person = PickPerson(host);
        await output.WriteLineAsync($"world at {host.Url}; photographing {person.Name} ({person.UserId})");
        await SetUp(http, person);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        SetDefaultExpectTimeout(90_000);

        var small = await Open(browser, host.Url, 1280, 800);
        await small.Locator($"button.person[data-user='{person.UserId}']").ClickAsync();
        await Expect(small.Locator("#messages .bubble.FraudAlert").First).ToContainTextAsync("Was it you?");
        await small.GetByRole(AriaRole.Button, new() { Name = "Show my balance" }).ClickAsync();
        await Expect(small.Locator("#messages .bubble.balance")).ToBeVisibleAsync();
        await Shoot(small, folder, "messenger-1280x800.png", output);

        await small.Locator("#messages .bubble.FraudAlert").First.GetByRole(AriaRole.Button, new() { Name = "Not me" }).ClickAsync();
        await Expect(small.Locator($"#accounts li[data-account='{person.AccountId}'] .badge")).ToHaveTextAsync("Frozen");
        await small.GetByRole(AriaRole.Button, new() { Name = "Bank", Exact = true }).ClickAsync();
        await small.GetByRole(AriaRole.Button, new() { Name = $"Details of {person.AccountId}" }).ClickAsync();
        await Expect(small.Locator("#account-status")).ToContainTextAsync("Frozen");
        await Expect(small.Locator("#account-title")).ToBeFocusedAsync();
        await Shoot(small, folder, "bank-1280x800.png", output);

        var large = await Open(browser, host.Url, 1920, 1080);
        await large.GetByRole(AriaRole.Button, new() { Name = "World", Exact = true }).ClickAsync();
        await large.GetByRole(AriaRole.Button, new() { Name = "Inject cloned card" }).ClickAsync();
        await ChartsReach(large, ChartAuthorizations / 3);
        await large.GetByRole(AriaRole.Button, new() { Name = "Inject account takeover" }).ClickAsync();
        await ChartsReach(large, 2 * ChartAuthorizations / 3);
        await large.GetByRole(AriaRole.Button, new() { Name = "Inject card testing" }).ClickAsync();
        await ChartsReach(large, ChartAuthorizations);
        await Expect(large.Locator("#inject-log li")).ToHaveCountAsync(3);
        await Shoot(large, folder, "world-1920x1080.png", output);
        return 0;
    }

    private sealed record Person(string UserId, string Name, string AccountId, string Bank);

    /// <summary>The first person with accounts at two banks whose first account's currency has cents (the payments below have cents).</summary>
    private static Person PickPerson(LivingWorldHost host)
    {
        var world = host.World;
        var population = world.Population;
        for (var u = 0; u < population.UserCount; u++)
        {
            var account = population.FirstAccount[u];
            if (world.BanksOf(u).Count() >= 2 && Actors.Money.Currency.Parse(population.CurrencyOfAccount(account)).MinorDigits == 2)
            {
                return new Person(population.UserIds[u], population.UserNames[u], population.AccountIds[account], world.BankOf(account));
            }
        }

        throw new InvalidOperationException("No person of this population has accounts at two banks.");
    }

    /// <summary>Through the app's own API: consents for the first bank, three payments, then a cloned card (alerted, declined, account still active).</summary>
    private static async Task SetUp(HttpClient http, Person person)
    {
        foreach (var purpose in new[] { "TransactionNotifications", "BalanceView", "FraudAlerts" })
        {
            await Post(http, $"api/users/{person.UserId}/consents", new { bank = person.Bank, purpose, action = "grant", expiresInMinutes = "" });
        }

        foreach (var amount in new[] { "23.40", "8.99", "61.20" })
        {
            await Post(http, $"api/accounts/{person.AccountId}/pay", new { amount });
        }

        await Post(http, "api/world/inject", new { pattern = "ClonedCard", userId = person.UserId });
    }

    private static async Task Post(HttpClient http, string url, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(url, UriKind.Relative), body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<IPage> Open(IBrowser browser, Uri url, int width, int height)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        await Expect(page.Locator("button.person").First).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Waits (deadline: the expectation timeout) until the world panel's authorization total reaches <paramref name="count"/>.</summary>
    private static Task ChartsReach(IPage page, int count) =>
        page.WaitForFunctionAsync(
            "n => Number(document.querySelector('#totals .total strong')?.textContent ?? 0) >= n",
            count, new() { Timeout = 90_000 });

    private static async Task Shoot(IPage page, string folder, string name, TextWriter output)
    {
        var path = Path.Combine(folder, name);
        await page.ScreenshotAsync(new() { Path = path });
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {path} ({new FileInfo(path).Length / 1024} KiB)"));
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PatchHound.Core.Identity;
using PatchHound.IntegrationTests.Api.Read;
using PatchHound.IntegrationTests.Harness;
using PatchHound.IntegrationTests.Sweeps;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>
/// The API host with its web UI on a real Kestrel port, at the read suite's fixed "now" on its hand-made data set
/// (<see cref="ReadData"/>), plus a user with memberships in both tenants; and one headless Debian chromium, shared by
/// the tests of a class (each test gets its own browser context, so its own cookies). Both this host and
/// <see cref="Replica"/> (a second API host on the same database) use the real Redis backplane, so an event raised on
/// the replica reaches the browser's hub connection to the first host as it would across replicas.
/// </summary>
public sealed class UiFixture : ReadApiFixture
{
    public const string TwoTenantsEmail = "two-tenants@ui.test";

    private WebApplicationFactory<Program>? kestrel;
    private WebApplicationFactory<Program>? replica;
    private readonly string channelPrefix = $"patchhound-ui-{Guid.NewGuid():N}";
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>What the browser's host logged, to search for secrets.</summary>
    public CapturedLogEvents HostLogs { get; } = new();

    /// <summary>Another API instance at the same fixed "now", not serving the browser: it raises events for the live tests.</summary>
    public WebApplicationFactory<Program> Replica => replica ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Where the run writes its screenshots (git-ignored; CI keeps the folder).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    public override async Task InitializeAsync()
    {
        Redis = await RedisServer.Instance;
        await base.InitializeAsync();
        await SeedTwoTenantUserAsync();
        replica = Api.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now))));
        _ = replica.Services;
        kestrel = Api.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
                services.AddSingleton<Serilog.Core.ILogEventSink>(HostLogs);
            }));
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        BaseUrl = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (kestrel is not null)
        {
            await kestrel.DisposeAsync();
        }

        if (replica is not null)
        {
            await replica.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) in the given color scheme, with a page at the sign-in form.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ColorScheme = scheme, ViewportSize = new() { Width = 1400, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page as the person with this e-mail and lands on <paramref name="path"/>.</summary>
    public async Task<IPage> SignedInAsync(string email, string path, ColorScheme scheme = ColorScheme.Light)
    {
        var page = await NewPageAsync(scheme);
        await page.GotoAsync(path);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == path, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["ConnectionStrings:Redis"] = Redis.ConnectionString;
        settings["Realtime:ChannelPrefix"] = channelPrefix;
        return settings;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    private async Task SeedTwoTenantUserAsync()
    {
        var user = new User(TwoTenantsEmail, "Member of two tenants", DateTimeOffset.UtcNow);
        await using (var db = Database.AppContext())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        foreach (var (tenant, role) in new[] { (TenantA.Id, TenantRole.Analyst), (TenantB.Id, TenantRole.Auditor) })
        {
            await using var db = Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
            db.TenantMemberships.Add(new TenantMembership(tenant, user.Id, role));
            await db.SaveChangesAsync();
        }
    }
}

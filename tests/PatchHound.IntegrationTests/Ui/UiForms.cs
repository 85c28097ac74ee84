using Microsoft.Playwright;

namespace PatchHound.IntegrationTests.Ui;

/// <summary>Form posts as the UI tests make them: through a page's button, or forged with a request context.</summary>
internal static class UiForms
{
    /// <summary>
    /// Submits the form of this button (inside <paramref name="within"/>, else anywhere on the page) and answers the
    /// status of the response the page then shows.
    /// </summary>
    public static async Task<int> SubmitAsync(IPage page, string button, ILocator? within = null)
    {
        // The page's own post, not the live connection's negotiate (also a POST) that the reloaded page starts.
        var response = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Request.ResourceType == "document");
        await (within ?? page.Locator(":root")).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        var status = (await response).Status;
        await page.Locator("main h1").WaitForAsync();
        return status;
    }

    public static IFormData FormOf(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}

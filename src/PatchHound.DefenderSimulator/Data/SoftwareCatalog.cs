namespace PatchHound.DefenderSimulator.Data;

/// <summary>Common endpoint software that synthetic (non-KEV) CVEs are attributed to.</summary>
public static class SoftwareCatalog
{
    public static IReadOnlyList<SoftwareProduct> Products { get; } =
    [
        new("google", "chrome", 120, 131),
        new("mozilla", "firefox", 115, 133),
        new("microsoft", "edge_chromium-based", 120, 131),
        new("microsoft", "office", 16, 16),
        new("microsoft", "windows_11", 10, 10),
        new("microsoft", "windows_10", 10, 10),
        new("microsoft", ".net_framework", 4, 4),
        new("microsoft", "teams", 1, 24),
        new("adobe", "acrobat_reader_dc", 20, 24),
        new("oracle", "jre", 8, 21),
        new("openssl", "openssl", 1, 3),
        new("apache", "tomcat", 8, 10),
        new("7-zip", "7-zip", 19, 24),
        new("notepad++", "notepad++", 7, 8),
        new("python", "python", 3, 3),
        new("nodejs", "node.js", 16, 22),
        new("vmware", "tools", 11, 12),
        new("zoom", "zoom", 5, 6),
        new("git", "git", 2, 2),
        new("haxx", "curl", 7, 8),
        new("putty", "putty", 0, 0),
        new("wireshark", "wireshark", 3, 4),
        new("videolan", "vlc_media_player", 3, 3),
        new("cisco", "secure_client", 4, 5),
    ];
}

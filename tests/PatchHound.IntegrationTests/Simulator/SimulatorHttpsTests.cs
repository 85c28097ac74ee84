using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace PatchHound.IntegrationTests.Simulator;

public sealed class SimulatorHttpsTests
{
    [Fact]
    public async Task With_https_on_the_simulator_serves_a_certificate_whose_pem_it_wrote()
    {
        var scratch = Directory.CreateTempSubdirectory("patchhound-simulator-");
        try
        {
            var pemPath = Path.Combine(scratch.FullName, "simulator.pem");
            await using var simulator = await SimulatorServer.StartAsync(new Dictionary<string, string?>
            {
                ["Simulator:Https"] = "true",
                ["Simulator:CertificatePath"] = pemPath,
                ["urls"] = "https://127.0.0.1:0",
            });
            using var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(pemPath));
            string? presented = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                {
                    presented = certificate?.Thumbprint;
                    return presented == trusted.Thumbprint;
                },
            };
            using var client = new HttpClient(handler) { BaseAddress = simulator.BaseAddress };

            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

            simulator.BaseAddress.Scheme.Should().Be("https");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            presented.Should().Be(trusted.Thumbprint);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}

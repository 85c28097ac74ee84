namespace PatchHound.Infrastructure.Defender;

/// <summary>How PatchHound signs in to Microsoft Entra ID for Defender sources.</summary>
public enum DefenderCredentialKind
{
    /// <summary>An app registration's secret, from the source's credential reference.</summary>
    ClientSecret,

    /// <summary>The Azure managed identity of the host (user-assigned when a client id is configured).</summary>
    ManagedIdentity,

    /// <summary>Kubernetes workload identity (federated token file).</summary>
    WorkloadIdentity,
}

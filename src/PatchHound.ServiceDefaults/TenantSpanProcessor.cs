using System.Diagnostics;
using OpenTelemetry;

namespace PatchHound.ServiceDefaults;

/// <summary>Every span started under a tenant-tagged span carries the same tenant (and end user).</summary>
internal sealed class TenantSpanProcessor : BaseProcessor<Activity>
{
    private static readonly string[] Inherited =
        [TenantTelemetry.TenantIdAttribute, TenantTelemetry.TenantEditionAttribute, TenantTelemetry.EndUserIdAttribute];

    public override void OnStart(Activity data)
    {
        if (data.Parent is not { } parent)
        {
            return;
        }

        foreach (var name in Inherited)
        {
            if (data.GetTagItem(name) is null && parent.GetTagItem(name) is { } value)
            {
                data.SetTag(name, value);
            }
        }
    }

}

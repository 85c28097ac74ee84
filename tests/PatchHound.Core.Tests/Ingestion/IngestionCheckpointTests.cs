using PatchHound.Core.Ingestion;
using PatchHound.Core.Tests.Common;

namespace PatchHound.Core.Tests.Ingestion;

public class IngestionCheckpointTests
{
    private static readonly Guid RunId = Guid.Parse("0195a000-0000-7000-8000-0000000000c1");

    private static IngestionCheckpoint AtBatch(int batch, long records)
    {
        var checkpoint = new IngestionCheckpoint(TestData.TenantId, RunId, "devices", TestData.Now);
        checkpoint.Advance("devices", "page-" + batch, batch, records, TestData.Now);
        return checkpoint;
    }

    [Fact]
    public void Advancing_records_cursor_batch_and_count()
    {
        var checkpoint = AtBatch(3, 3000);

        checkpoint.Advance("findings", "skip=4000", 4, 4000, TestData.Now.AddMinutes(1));

        checkpoint.Phase.Should().Be("findings");
        checkpoint.Cursor.Should().Be("skip=4000");
        checkpoint.BatchNumber.Should().Be(4);
        checkpoint.RecordsSoFar.Should().Be(4000);
        checkpoint.UpdatedAt.Should().Be(TestData.Now.AddMinutes(1));
    }

    [Fact]
    public void Checkpoint_does_not_go_back_to_an_earlier_batch()
    {
        var checkpoint = AtBatch(5, 5000);

        var act = () => checkpoint.Advance("devices", "page-4", 4, 5000, TestData.Now);

        act.ShouldViolate("checkpoint.backwards");
        checkpoint.BatchNumber.Should().Be(5);
        checkpoint.Cursor.Should().Be("page-5");
    }

    [Fact]
    public void Checkpoint_does_not_lose_records()
    {
        var checkpoint = AtBatch(5, 5000);

        var act = () => checkpoint.Advance("devices", "page-6", 6, 4999, TestData.Now);

        act.ShouldViolate("checkpoint.backwards");
    }

    [Fact]
    public void Replaying_the_current_batch_is_allowed()
    {
        var checkpoint = AtBatch(5, 5000);

        checkpoint.Advance("devices", "page-5", 5, 5000, TestData.Now.AddMinutes(1));

        checkpoint.UpdatedAt.Should().Be(TestData.Now.AddMinutes(1));
    }

    [Fact]
    public void Last_batch_clears_the_cursor()
    {
        var checkpoint = AtBatch(5, 5000);

        checkpoint.Advance("devices", null, 6, 5100, TestData.Now);

        checkpoint.Cursor.Should().BeNull();
    }

    [Fact]
    public void A_discarded_checkpoint_cannot_advance()
    {
        var checkpoint = AtBatch(5, 5000);

        checkpoint.Discard(TestData.Now.AddDays(7));
        var act = () => checkpoint.Advance("devices", "page-6", 6, 6000, TestData.Now.AddDays(7));

        checkpoint.IsDiscarded.Should().BeTrue();
        checkpoint.Cursor.Should().BeNull();
        act.ShouldViolate("checkpoint.discarded");
        checkpoint.BatchNumber.Should().Be(5);
    }
}

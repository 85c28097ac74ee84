using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.IntegrationTests.Ingestion;

public sealed class PostgresDataErrorsTests
{
    [Theory]
    [InlineData("22021")] // invalid byte sequence (NUL in text)
    [InlineData("22003")] // numeric value out of range
    [InlineData("22P02")] // invalid text representation
    [InlineData("23502")] // not-null violation
    [InlineData("23514")] // check violation
    public void Data_exceptions_and_integrity_violations_no_retry_can_fix_are_permanent(string sqlState)
    {
        PostgresDataErrors.IsPermanent(Error(sqlState)).Should().BeTrue();
        PostgresDataErrors.IsPermanent(new DbUpdateException("saving failed", Error(sqlState))).Should().BeTrue("wrapped errors count too");
    }

    [Theory]
    [InlineData("23505")] // unique violation: two writers raced
    [InlineData("23503")] // foreign-key violation: a row deleted meanwhile
    [InlineData("23P01")] // exclusion violation
    [InlineData("40001")] // serialization failure
    [InlineData("53300")] // too many connections
    [InlineData("57014")] // statement timeout
    public void Races_and_overload_stay_retryable(string sqlState) =>
        PostgresDataErrors.IsPermanent(Error(sqlState)).Should().BeFalse();

    [Fact]
    public void The_description_names_the_state_the_message_and_where_PostgreSQL_met_the_record()
    {
        var error = new PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", "22021",
            where: "COPY ingest_batch_devices, line 7, column name");

        PostgresDataErrors.Describe(new InvalidOperationException("outer", error)).Should()
            .Be("22021: invalid byte sequence for encoding \"UTF8\": 0x00 (at COPY ingest_batch_devices, line 7, column name)");
        PostgresDataErrors.Describe(new TimeoutException()).Should().BeNull();
    }

    private static PostgresException Error(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}

using System.Net;
using System.Net.Http.Headers;
using PatchHound.Infrastructure.Defender;

namespace PatchHound.IntegrationTests.Defender;

public sealed class RetryDelaysTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reads_Retry_After_as_seconds_or_as_a_date_and_caps_it()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(20));
        using var past = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(-20));
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        var time = new FixedTime(Now);
        var cap = TimeSpan.FromSeconds(15);

        RetryDelays.RetryAfter(seconds, time, cap).Should().Be(TimeSpan.FromSeconds(7));
        RetryDelays.RetryAfter(date, time, cap).Should().Be(cap);
        RetryDelays.RetryAfter(date, time, TimeSpan.FromMinutes(1)).Should().Be(TimeSpan.FromSeconds(20));
        RetryDelays.RetryAfter(past, time, cap).Should().Be(TimeSpan.Zero);
        RetryDelays.RetryAfter(none, time, cap).Should().BeNull();
    }

    [Fact]
    public void Backs_off_exponentially_with_jitter_up_to_the_cap()
    {
        var baseDelay = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(1);

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var ceiling = Math.Min(100 * Math.Pow(2, attempt - 1), 1000);
            var delays = Enumerable.Range(0, 50).Select(_ => RetryDelays.Backoff(attempt, baseDelay, max).TotalMilliseconds).ToList();
            delays.Should().OnlyContain(delay => delay >= ceiling / 2 && delay <= ceiling);
            delays.Distinct().Should().HaveCountGreaterThan(1, "retries of replicas must not line up");
        }
    }
}

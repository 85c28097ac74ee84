using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using PatchHound.Infrastructure.Defender.RateBudget;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Gets and parses one page, retrying what retrying can fix: 429 after Retry-After, server errors, time-outs and
/// broken connections after a jittered backoff. A page is parsed whole before it is returned, so a retry never
/// repeats records already handed out. Every request, retries included, first takes a permit of the source's Defender
/// rate budget when there is a <see cref="DefenderCallPacer"/>.
/// </summary>
internal sealed class DefenderPageFetcher(
    HttpClient http,
    IDefenderTokenProvider tokens,
    DefenderOptions options,
    TimeProvider time,
    ILogger logger,
    DefenderCallPacer? pacer)
{
    public Task<ParsedPage<T>> FetchAsync<T>(
        Uri url, IJsonRecordReader<T> records, int pageNumber, CancellationToken cancellationToken) =>
        FetchAsync(url, pageNumber, async (body, token) =>
        {
            var page = await new JsonPageReader<T>(records, pageNumber, options.MaxPageBytes).ReadAsync(body, token);
            logger.LogInformation(
                "Read Defender page {PageNumber} of {Path}: {Records} records, {Skipped} unusable, {Bytes} bytes",
                pageNumber, url.AbsolutePath, page.Items.Count, page.Skipped.Count, page.Bytes);
            return page with { Skipped = [.. page.Skipped.Select(s => s with { Listing = url.AbsolutePath })] };
        }, cancellationToken);

    /// <summary>Gets <paramref name="url"/> with the retry policy above and reads a 200's JSON body with <paramref name="read"/>.</summary>
    public async Task<TResult> FetchAsync<TResult>(
        Uri url, int pageNumber, Func<Stream, CancellationToken, Task<TResult>> read, CancellationToken cancellationToken)
    {
        int throttled = 0, failed = 0;
        while (true)
        {
            TimeSpan delay;
            if (pacer is not null)
            {
                await pacer.WaitForPermitAsync(url, cancellationToken);
            }

            var token = await tokens.GetTokenAsync(cancellationToken);
            using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    EnsureJson(response, pageNumber);
                    await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
                    return await read(body, linked.Token);
                }

                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    throw new SourceCredentialsRejectedException($"credentials rejected by Defender ({status})");
                }

                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    if (++throttled >= options.MaxThrottledAttempts)
                    {
                        throw new SourceThrottledException(
                            $"Defender throttled page {pageNumber} of {url.AbsolutePath}: 429 on all {throttled} attempts.");
                    }

                    delay = RetryDelays.RetryAfter(response, time, options.MaxRetryAfter)
                        ?? RetryDelays.Backoff(throttled, options.RetryBaseDelay, options.RetryMaxDelay);
                    logger.LogWarning(
                        "Defender throttled page {PageNumber} (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}",
                        pageNumber, throttled, options.MaxThrottledAttempts, delay);
                }
                else if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
                {
                    delay = Failed(ref failed, pageNumber, url, $"answered {status}", null);
                }
                else
                {
                    throw new SourceRequestRefusedException(
                        $"Defender answered {status} for page {pageNumber} of {url.AbsolutePath}; retrying cannot help (wrong base URL?).");
                }
            }
            catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
            {
                delay = Failed(ref failed, pageNumber, url, "could not be reached", exception);
            }
            catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
            {
                delay = Failed(ref failed, pageNumber, url, "broke the connection", exception);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                delay = Failed(ref failed, pageNumber, url, $"did not answer within {options.RequestTimeout}", exception);
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private TimeSpan Failed(ref int failed, int pageNumber, Uri url, string what, Exception? exception)
    {
        if (++failed >= options.MaxTransientAttempts)
        {
            throw new SourceUnavailableException(
                $"Defender {what} for page {pageNumber} of {url.AbsolutePath} on all {failed} attempts.", exception);
        }

        var delay = RetryDelays.Backoff(failed, options.RetryBaseDelay, options.RetryMaxDelay);
        logger.LogWarning(
            exception,
            "Defender {What} for page {PageNumber} (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}",
            what, pageNumber, failed, options.MaxTransientAttempts, delay);
        return delay;
    }

    private static void EnsureJson(HttpResponseMessage response, int pageNumber)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null
            && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new SourcePayloadException(
                $"Defender answered page {pageNumber} with content type '{mediaType}' instead of JSON.", pageNumber);
        }
    }
}

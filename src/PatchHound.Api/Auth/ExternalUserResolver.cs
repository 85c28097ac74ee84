using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Core.Common;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Auth;

/// <summary>
/// Finds the PatchHound user of a validated identity-provider token: by its subject (<c>oid</c>/<c>sub</c>) once linked;
/// on the first sign-in by its e-mail claim, and then links the subject so a later change of e-mail changes nothing.
/// </summary>
internal sealed class ExternalUserResolver(PatchHoundDbContext db, IOptions<JwtAuthorityOptions> options, ILogger<ExternalUserResolver> logger)
{
    public async Task<UserResolution> ResolveAsync(ClaimsPrincipal token, CancellationToken cancellationToken)
    {
        var subject = FirstOf(token, options.Value.EffectiveSubjectClaims);
        if (subject is null || subject.Length > User.ExternalSubjectMaxLength)
        {
            return UserResolution.Refused("The token names no subject (oid or sub).");
        }

        var linked = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.ExternalSubject == subject, cancellationToken);
        if (linked is not null)
        {
            return UserResolution.Of(linked);
        }

        var email = NormalizedEmail(FirstOf(token, options.Value.EffectiveEmailClaims));
        var user = email is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            logger.LogWarning("Refused a token whose subject and e-mail match no PatchHound user");
            return UserResolution.Refused("No PatchHound user matches this token; ask an administrator to add you.");
        }

        if (user.ExternalSubject is not null)
        {
            logger.LogWarning("Refused a token for user {User}, who is linked to another identity-provider subject", user.Id);
            return UserResolution.Refused("This PatchHound user is linked to another identity-provider account.");
        }

        return await LinkAsync(user, subject, cancellationToken);
    }

    private async Task<UserResolution> LinkAsync(User user, string subject, CancellationToken cancellationToken)
    {
        if (user.IsDisabled)
        {
            return UserResolution.Of(user);
        }

        user.LinkExternalSubject(subject);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Linked user {User} to its identity-provider subject on first sign-in", user.Id);
            return UserResolution.Of(user);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent first sign-in linked it: accept only the outcome that names this subject.
            db.ChangeTracker.Clear();
            var current = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.ExternalSubject == subject, cancellationToken);
            return current?.Id == user.Id
                ? UserResolution.Of(current)
                : UserResolution.Refused("This PatchHound user is linked to another identity-provider account.");
        }
    }

    private static string? FirstOf(ClaimsPrincipal token, IEnumerable<string> types) =>
        types.Select(type => token.FindFirstValue(type)).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

    private static string? NormalizedEmail(string? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return User.NormalizeEmail(value);
        }
        catch (DomainRuleViolationException)
        {
            return null;
        }
    }
}

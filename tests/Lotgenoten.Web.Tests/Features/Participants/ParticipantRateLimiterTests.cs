using Lotgenoten.Web.Features.Participants;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Web.Tests.Features.Participants;

public sealed class ParticipantRateLimiterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly ParticipantRateLimiter _limiter;

    public ParticipantRateLimiterTests() =>
        _limiter = new ParticipantRateLimiter(_clock, Options.Create(new ParticipantRateLimitOptions
        {
            PasskeyOptionsLimit = 3,
            PasskeyOptionsWindow = TimeSpan.FromMinutes(1),
            SignInFailureLimit = 2,
            SignInFailureWindow = TimeSpan.FromMinutes(15),
        }));

    [Fact]
    public void Acquire_MoreThanTheLimitInOneWindow_RefusesUntilTheWindowHasPassed()
    {
        var answers = Enumerable.Range(0, 4).Select(_ => _limiter.Acquire(ParticipantRateLimit.PasskeyOptions, "198.51.100.7")).ToList();

        answers.ShouldBe([null, null, null, TimeSpan.FromMinutes(1)]);
        _clock.Advance(TimeSpan.FromSeconds(59));
        _limiter.Acquire(ParticipantRateLimit.PasskeyOptions, "198.51.100.7").ShouldBe(TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        _limiter.Acquire(ParticipantRateLimit.PasskeyOptions, "198.51.100.7").ShouldBeNull();
    }

    [Fact]
    public void Acquire_OneClientBlocked_OtherClientsAndOtherLimitsGoOn()
    {
        for (var i = 0; i < 3; i++)
        {
            _limiter.Acquire(ParticipantRateLimit.PasskeyOptions, "198.51.100.7");
        }

        _limiter.Acquire(ParticipantRateLimit.PasskeyOptions, "198.51.100.7").ShouldNotBeNull();
        _limiter.Acquire(ParticipantRateLimit.PasskeyOptions, "198.51.100.8").ShouldBeNull();
        _limiter.RetryAfter(ParticipantRateLimit.SignInFailures, "198.51.100.7").ShouldBeNull();
    }

    [Fact]
    public void RetryAfter_FailuresRecorded_BlocksAtTheLimitWithoutCountingItself()
    {
        _limiter.Record(ParticipantRateLimit.SignInFailures, "2001:db8::1");
        _limiter.RetryAfter(ParticipantRateLimit.SignInFailures, "2001:db8::1").ShouldBeNull();
        _clock.Advance(TimeSpan.FromMinutes(5));
        _limiter.Record(ParticipantRateLimit.SignInFailures, "2001:db8::1");

        _limiter.RetryAfter(ParticipantRateLimit.SignInFailures, "2001:db8::1").ShouldBe(TimeSpan.FromMinutes(10));
        _limiter.RetryAfter(ParticipantRateLimit.SignInFailures, "2001:db8::1").ShouldBe(TimeSpan.FromMinutes(10));
        _clock.Advance(TimeSpan.FromMinutes(10));
        _limiter.RetryAfter(ParticipantRateLimit.SignInFailures, "2001:db8::1").ShouldBeNull();
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(400, "1")]
    [InlineData(1000, "1")]
    [InlineData(1001, "2")]
    [InlineData(900_000, "900")]
    public void RetryAfterHeader_Wait_IsWholeSecondsRoundedUp(int milliseconds, string expected) =>
        ParticipantRateLimiter.RetryAfterHeader(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);
}

using Lotgenoten.Infrastructure.Retention;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lotgenoten.Infrastructure.Tests.Retention;

/// <summary>The daily schedule, driven by a fake clock; no database (the job is a fake).</summary>
public sealed class RetentionBackgroundServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-11-29T01:00:00Z", "2026-11-29T02:30:00Z")] // 02:00 in Brussels (winter): today 03:30
    [InlineData("2026-11-29T02:30:00Z", "2026-11-30T02:30:00Z")] // exactly 03:30: the next is tomorrow
    [InlineData("2026-11-29T10:00:00Z", "2026-11-30T02:30:00Z")]
    [InlineData("2026-07-01T00:00:00Z", "2026-07-01T01:30:00Z")] // summer: 03:30 is 01:30 UTC
    [InlineData("2026-03-28T12:00:00Z", "2026-03-29T01:30:00Z")] // the night clocks move forward: 03:30 exists (summer time)
    [InlineData("2026-10-24T12:00:00Z", "2026-10-25T02:30:00Z")] // the night clocks move back: 03:30 is winter time
    public void NextRun_BrusselsTime_IsTheNextHalfPastThree(string now, string expected) =>
        RetentionBackgroundService.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(3, 30))
            .ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void NextRun_TimeInTheSpringGap_RunsAnHourLater() =>
        RetentionBackgroundService.NextRun(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), new TimeOnly(2, 30))
            .ShouldBe(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task Execute_FakeClock_RunsDailyAtHalfPastThreeAndSurvivesAFailure()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        var job = new FakeJob(clock, failOnRun: 1);
        var log = new SchedulingLogger();
        using var service = new RetentionBackgroundService(job, clock, Options.Create(new RetentionOptions()), log);
        await service.StartAsync(Ct);
        await log.ScheduledAsync(); // the service now waits on the clock

        clock.Advance(TimeSpan.FromHours(16)); // 2026-11-30 02:00 UTC = 03:00 Brussels: not yet
        job.Runs.ShouldBe(0);
        clock.Advance(TimeSpan.FromMinutes(30)); // 03:30: the first run, which fails
        (await job.NextRunAsync()).ShouldBe(new DateTimeOffset(2026, 11, 30, 2, 30, 0, TimeSpan.Zero));
        await log.ScheduledAsync();
        log.Failures.ShouldBe(1);

        clock.Advance(TimeSpan.FromHours(23)); // not yet the next day's run
        job.Runs.ShouldBe(1);
        clock.Advance(TimeSpan.FromHours(1)); // the next day: it tries again
        (await job.NextRunAsync()).ShouldBe(new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero));
        job.Runs.ShouldBe(2);

        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task Execute_Disabled_NeverRuns()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        var job = new FakeJob(clock);
        using var service = new RetentionBackgroundService(job, clock, Options.Create(new RetentionOptions { Enabled = false }), NullLogger<RetentionBackgroundService>.Instance);
        await service.StartAsync(Ct);
        await (service.ExecuteTask ?? Task.CompletedTask);

        clock.Advance(TimeSpan.FromDays(3));

        job.Runs.ShouldBe(0);
        service.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Retention:EmailDays", "0")]
    [InlineData("Retention:NoteMonths", "0")]
    [InlineData("Retention:AuditMonths", "0")]
    [InlineData("Retention:AttendanceUnlinkDays", "-1")]
    [InlineData("Retention:IdempotencyDays", "6")]
    [InlineData("Retention:BatchSize", "0")]
    public void Options_OutOfRange_AreRefused(string key, string value)
    {
        using var host = TestHost.Build(settings: [new(key, value)]);

        Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value);
    }

    [Fact]
    public void Options_Defaults_AreThoseOfTheDomain()
    {
        using var host = TestHost.Build(settings: [new("Retention:RunAtLocalTime", "04:15")]);

        var options = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;

        (options.Enabled, options.EmailDays, options.NoteMonths, options.AuditMonths, options.AttendanceUnlinkDays, options.OutboxSentDays, options.IdempotencyDays)
            .ShouldBe((true, 30, 12, 24, 30, 30, 30));
        options.RunAtLocalTime.ShouldBe(new TimeOnly(4, 15));
        host.Services.GetServices<IHostedService>().OfType<RetentionBackgroundService>().ShouldHaveSingleItem();
    }

    [Fact]
    public void EntityId_RoundTrips_AndRejectsOtherText()
    {
        var result = new RetentionResult(3, 2, 10, 5, 1, 0);

        result.ToEntityId().ShouldBe("e=3 n=2 a=10 u=5 o=1 i=0");
        RetentionResult.FromEntityId(result.ToEntityId()).ShouldBe(result);
        RetentionResult.FromEntityId("run").ShouldBeNull();
        RetentionResult.FromEntityId("e=3 n=2").ShouldBeNull();
        RetentionResult.FromEntityId("e=-3 n=2 a=10 u=5 o=1 i=0").ShouldBeNull();
        new RetentionResult(9_999_999, 9_999_999, 9_999_999, 9_999_999, 9_999_999, 9_999_999).ToEntityId().Length
            .ShouldBeLessThanOrEqualTo(Domain.Audit.AuditEvent.EntityIdMaxLength);
    }

    /// <summary>Counts failures and signals each "next run at" (event 6602), which the service logs once its timer exists.</summary>
    private sealed class SchedulingLogger : ILogger<RetentionBackgroundService>
    {
        private readonly SemaphoreSlim scheduled = new(0);
        private int failures;

        public int Failures => failures;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 6601)
            {
                Interlocked.Increment(ref failures);
            }

            if (eventId.Id == 6602)
            {
                scheduled.Release();
            }
        }

        public async Task ScheduledAsync() =>
            (await scheduled.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the service should have scheduled its next run");
    }

    private sealed class FakeJob(TimeProvider clock, int failOnRun = 0) : IRetentionJob
    {
        private readonly SemaphoreSlim ran = new(0);
        private DateTimeOffset last;

        public int Runs { get; private set; }

        public Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
        {
            Runs++;
            last = clock.GetUtcNow();
            ran.Release();
            if (Runs == failOnRun)
            {
                throw new InvalidOperationException("The database is away.");
            }

            return Task.FromResult(RetentionResult.None);
        }

        /// <summary>Waits (in real time, at most 10 s) for the next run and returns the fake time it happened at.</summary>
        public async Task<DateTimeOffset> NextRunAsync()
        {
            (await ran.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the job should have run");
            return last;
        }
    }
}

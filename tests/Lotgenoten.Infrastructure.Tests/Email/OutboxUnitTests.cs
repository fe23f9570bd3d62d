using Lotgenoten.Infrastructure.Email;
using Lotgenoten.Infrastructure.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lotgenoten.Infrastructure.Tests.Email;

public sealed class OutboxUnitTests
{
    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(3, 240)]
    [InlineData(9, 15360)]
    [InlineData(10, 21600)]
    [InlineData(40, 21600)]
    public void Backoff_Attempts_DoublesFromTheBaseUpToTheMaximum(int attempts, int seconds) =>
        OutboxDispatcher.Backoff(attempts, new SmtpOptions()).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void MessageId_OutboxId_IsStableAndUsesTheSenderDomain()
    {
        var id = Guid.Parse("0195f1a2-0000-7000-8000-000000000001");
        OutboxMime.MessageId(id, "agenda@lotgenoten.invalid").ShouldBe("0195f1a2-0000-7000-8000-000000000001@lotgenoten.invalid");
    }

    [Fact]
    public void ErrorClass_CommandRejected_IsTheStatusCodeWithoutTheMessage()
    {
        var ex = new MailKit.Net.Smtp.SmtpCommandException(
            MailKit.Net.Smtp.SmtpErrorCode.RecipientNotAccepted, MailKit.Net.Smtp.SmtpStatusCode.MailboxUnavailable, "x@voorbeeld.test rejected");
        OutboxDispatcher.ErrorClass(ex).ShouldBe("smtp-550");
    }

    [Fact]
    public void AddInfrastructure_NoSmtpSettings_NeutralSenderPickupFolderUnderContentRootAndDispatcherOn()
    {
        using var host = TestHost.Build();

        var options = host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        (options.FromName, options.FromAddress, options.MaxAttempts, options.DispatcherEnabled).ShouldBe(("Agenda", "agenda@lotgenoten.invalid", 8, true));
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        dispatcher.UsesPickupFolder.ShouldBeTrue();
        dispatcher.PickupDirectory.ShouldBe(Path.Combine(AppContext.BaseDirectory, "App_Data", "mail-pickup"));
        host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().ShouldContain(dispatcher);
        host.Services.GetRequiredService<IOutbox>().ShouldBeOfType<Outbox>();
    }
}

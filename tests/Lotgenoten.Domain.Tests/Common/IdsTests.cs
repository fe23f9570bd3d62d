using Lotgenoten.Domain.Common;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Common;

public class IdsTests
{
    [Fact]
    public void New_Instant_IsTimeOrderedVersion7()
    {
        var earlier = Ids.New(Build.Now);
        var later = Ids.New(Build.Now.AddMilliseconds(5));

        earlier.Version.ShouldBe(7);
        later.ShouldNotBe(earlier);
        string.CompareOrdinal(earlier.ToString(), later.ToString()).ShouldBeLessThan(0);
    }
}

public class DomainExceptionTests
{
    [Fact]
    public void Constructor_WithCode_KeepsCodeAndMessage()
    {
        var ex = new DomainException("referral.transition", "A referral cannot move.");

        ex.Code.ShouldBe("referral.transition");
        ex.Message.ShouldBe("A referral cannot move.");
        new DomainException("plain").Code.ShouldBe("domain");
    }
}

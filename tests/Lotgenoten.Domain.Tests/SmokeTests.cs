namespace Lotgenoten.Domain.Tests;

public class SmokeTests
{
    [Fact]
    public void Build_Works() => 1.ShouldBe(1);
}

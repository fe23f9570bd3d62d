using Lotgenoten.Domain.Staff;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Staff;

public class StaffMemberTests
{
    [Fact]
    public void Create_Valid_IsActive()
    {
        var staff = StaffMember.Create(" oid-1 ", " Eva Peeters ", Build.Now);

        staff.ObjectId.ShouldBe("oid-1");
        staff.DisplayName.ShouldBe("Eva Peeters");
        staff.IsActive.ShouldBeTrue();
        staff.CreatedAt.ShouldBe(Build.Now);
        staff.LastSignInAt.ShouldBeNull();
    }

    [Fact]
    public void Create_MissingFields_Throws()
    {
        DomainAssert.Throws(() => StaffMember.Create("", "Eva", Build.Now), "staff.object-id.required");
        DomainAssert.Throws(() => StaffMember.Create("oid", " ", Build.Now), "staff.display-name.required");
        DomainAssert.Throws(() => StaffMember.Create("oid", new string('n', StaffMember.DisplayNameMaxLength + 1), Build.Now), "staff.display-name.too-long");
    }

    [Fact]
    public void RecordSignIn_Deactivated_UpdatesNameAndReactivates()
    {
        var staff = StaffMember.Create("oid-1", "Eva Peeters", Build.Now);
        staff.Deactivate();
        staff.IsActive.ShouldBeFalse();

        staff.RecordSignIn("Eva Janssens", Build.Now.AddDays(1));

        staff.DisplayName.ShouldBe("Eva Janssens");
        staff.LastSignInAt.ShouldBe(Build.Now.AddDays(1));
        staff.IsActive.ShouldBeTrue();
    }
}

namespace Lotgenoten.Domain.Groups;

/// <summary>A member of staff who facilitates a group.</summary>
public sealed class GroupFacilitator
{
    private GroupFacilitator()
    {
    }

    internal GroupFacilitator(Guid groupId, Guid staffMemberId, DateTimeOffset assignedAt)
    {
        GroupId = groupId;
        StaffMemberId = staffMemberId;
        AssignedAt = assignedAt;
    }

    public Guid GroupId { get; private set; }

    public Guid StaffMemberId { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }
}

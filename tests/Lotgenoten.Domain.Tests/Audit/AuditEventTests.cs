using Lotgenoten.Domain.Audit;
using Lotgenoten.Domain.Tests.TestSupport;

namespace Lotgenoten.Domain.Tests.Audit;

public class AuditEventTests
{
    [Fact]
    public void Record_AllFields_KeepsThem()
    {
        var noteId = Guid.NewGuid().ToString();
        var groupId = Guid.NewGuid();

        var audit = AuditEvent.Record("coordinator-1", AuditKind.NoteRead, "FacilitatorNote", noteId, Build.Now, groupId);

        audit.ActorId.ShouldBe("coordinator-1");
        audit.Kind.ShouldBe(AuditKind.NoteRead);
        audit.EntityType.ShouldBe("FacilitatorNote");
        audit.EntityId.ShouldBe(noteId);
        audit.OccurredAt.ShouldBe(Build.Now);
        audit.GroupId.ShouldBe(groupId);
        audit.Id.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public void Record_WithoutGroup_HasNoGroup()
    {
        AuditEvent.Record("system", AuditKind.RetentionRun, "Retention", "2026-01-05", Build.Now).GroupId.ShouldBeNull();
    }

    [Theory]
    [InlineData("", "FacilitatorNote", "id-1", "audit.actor.required")]
    [InlineData("coordinator-1", " ", "id-1", "audit.entity-type.required")]
    [InlineData("coordinator-1", "FacilitatorNote", "", "audit.entity-id.required")]
    [InlineData("coordinator-1\0", "FacilitatorNote", "id-1", "audit.actor.control-characters")]
    public void Record_MissingOrBadField_Throws(string actor, string entityType, string entityId, string code)
    {
        DomainAssert.Throws(() => AuditEvent.Record(actor, AuditKind.NoteWritten, entityType, entityId, Build.Now), code);
    }

    [Fact]
    public void Record_FieldsTooLong_ThrowTooLong()
    {
        DomainAssert.Throws(() => AuditEvent.Record(new string('a', AuditEvent.ActorMaxLength + 1), AuditKind.NoteRead, "T", "1", Build.Now), "audit.actor.too-long");
        DomainAssert.Throws(() => AuditEvent.Record("a", AuditKind.NoteRead, new string('t', AuditEvent.EntityTypeMaxLength + 1), "1", Build.Now), "audit.entity-type.too-long");
        DomainAssert.Throws(() => AuditEvent.Record("a", AuditKind.NoteRead, "T", new string('1', AuditEvent.EntityIdMaxLength + 1), Build.Now), "audit.entity-id.too-long");
    }

    [Fact]
    public void Record_UndefinedKind_ThrowsKindInvalid()
    {
        DomainAssert.Throws(() => AuditEvent.Record("a", (AuditKind)999, "T", "1", Build.Now), "audit.kind.invalid");
    }
}

using System.Buffers.Binary;
using System.Text;

namespace Lotgenoten.Bench.Circuits;

/// <summary>A button rendered (prepended) by a component: its attributes, its own text and its click handler.</summary>
internal sealed record RenderedButton(int ComponentId, IReadOnlyDictionary<string, string?> Attributes, string Text, ulong ClickHandlerId)
{
    public string? Attribute(string name) => Attributes.GetValueOrDefault(name);
}

/// <summary>An attribute (re)set on an existing element of a component (a SetAttribute edit).</summary>
internal readonly record struct AttributeChange(int ComponentId, string Name, string? Value, ulong EventHandlerId);

/// <summary>
/// Reads just enough of a Blazor Server render batch (the binary format of RenderBatchWriter, read the way
/// blazor.web.js's OutOfProcessRenderBatch does) to find buttons and attribute changes: the updated components and
/// their edits, the reference frames and the string table. Disposed ids are not needed here.
/// </summary>
internal static class RenderBatchReader
{
    private const int FrameSize = 20;
    private const int EditSize = 16;

    // RenderTreeFrameType
    private const int ElementFrame = 1;
    private const int TextFrame = 2;
    private const int AttributeFrame = 3;
    private const int RegionFrame = 5;
    private const int MarkupFrame = 8;

    // RenderTreeEditType
    private const int PrependFrameEdit = 1;
    private const int SetAttributeEdit = 3;

    public static void Read(ReadOnlySpan<byte> data, List<RenderedButton>? buttons, List<AttributeChange>? changes, out int editCount)
    {
        editCount = 0;
        var updatedComponents = Int(data, data.Length - 20);
        var referenceFrames = Int(data, data.Length - 16);
        var stringTable = Int(data, data.Length - 4);
        var strings = new StringTable(data, stringTable, data.Length - 20);
        var frameCount = Int(data, referenceFrames);
        var frames = data.Slice(referenceFrames + 4, frameCount * FrameSize);

        var diffCount = Int(data, updatedComponents);
        for (var d = 0; d < diffCount; d++)
        {
            var diffOffset = Int(data, updatedComponents + 4 + (d * 4));
            var componentId = Int(data, diffOffset);
            var edits = Int(data, diffOffset + 4);
            editCount += edits;
            for (var e = 0; e < edits; e++)
            {
                var edit = data.Slice(diffOffset + 8 + (e * EditSize), EditSize);
                var type = Int(edit, 0);
                var frameIndex = Int(edit, 8);
                if (type == PrependFrameEdit && buttons is not null)
                {
                    FindButtons(frames, frameIndex, strings, componentId, buttons);
                }
                else if (type == SetAttributeEdit && changes is not null)
                {
                    var frame = frames.Slice(frameIndex * FrameSize, FrameSize);
                    changes.Add(new AttributeChange(componentId, strings.Get(Int(frame, 4)) ?? string.Empty,
                        strings.Get(Int(frame, 8)), BinaryPrimitives.ReadUInt64LittleEndian(frame[12..])));
                }
            }
        }
    }

    private static void FindButtons(ReadOnlySpan<byte> frames, int start, StringTable strings, int componentId, List<RenderedButton> buttons)
    {
        var first = frames.Slice(start * FrameSize, FrameSize);
        var length = Int(first, 0) is ElementFrame or RegionFrame ? Math.Max(1, Int(first, 4)) : 1;
        for (var i = start; i < start + length; i++)
        {
            var frame = frames.Slice(i * FrameSize, FrameSize);
            if (Int(frame, 0) != ElementFrame || !string.Equals(strings.Get(Int(frame, 8)), "button", StringComparison.Ordinal))
            {
                continue;
            }

            var end = i + Math.Max(1, Int(frame, 4));
            Dictionary<string, string?> attributes = new(StringComparer.Ordinal);
            ulong click = 0;
            var text = new StringBuilder();
            for (var j = i + 1; j < end; j++)
            {
                var child = frames.Slice(j * FrameSize, FrameSize);
                switch (Int(child, 0))
                {
                    case AttributeFrame:
                        var name = strings.Get(Int(child, 4)) ?? string.Empty;
                        attributes[name] = strings.Get(Int(child, 8));
                        var handler = BinaryPrimitives.ReadUInt64LittleEndian(child[12..]);
                        if (handler != 0 && name == "onclick")
                        {
                            click = handler;
                        }

                        break;
                    case TextFrame:
                    case MarkupFrame:
                        text.Append(strings.Get(Int(child, 4)));
                        break;
                }
            }

            buttons.Add(new RenderedButton(componentId, attributes, text.ToString().Trim(), click));
        }
    }

    private static int Int(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadInt32LittleEndian(data.Slice(offset, 4));

    /// <summary>The string table: int32 offsets from <c>start</c> to the footer, each to a LEB128-prefixed UTF-8 string.</summary>
    private readonly ref struct StringTable(ReadOnlySpan<byte> data, int start, int end)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public string? Get(int index)
        {
            if (index < 0 || start + (index * 4) >= end)
            {
                return null;
            }

            var offset = Int(_data, start + (index * 4));
            var length = 0;
            var shift = 0;
            byte b;
            do
            {
                b = _data[offset++];
                length |= (b & 0x7f) << shift;
                shift += 7;
            }
            while (b >= 0x80);

            return Encoding.UTF8.GetString(_data.Slice(offset, length));
        }
    }
}

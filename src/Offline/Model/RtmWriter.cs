using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using RtDenoise.Engine.Model;

namespace RtDenoise.Offline.Model;

/// <summary>Serialises an <see cref="RtmModel"/> in the layout drawn in <see cref="RtmFormat"/>.</summary>
public static class RtmWriter
{
    /// <summary>
    /// Writes atomically through <see cref="Audio.AtomicFileWriter"/>: a temporary file in the target folder, then a
    /// rename; a device or FIFO (e.g. <c>-o /dev/null</c>) is written in place, never replaced.
    /// </summary>
    public static void Write(string path, RtmModel model)
    {
        byte[] bytes = ToBytes(model);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? ".");
        using var atomic = new Audio.AtomicFileWriter(full);
        atomic.Stream.Write(bytes);
        atomic.Commit();
    }

    public static byte[] ToBytes(RtmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int k = model.FeatureCount;
        if (model.Mean.Length != k || model.Std.Length != k)
        {
            throw new ArgumentException($"normalisation vectors must have {k} entries.");
        }

        int layers = model.Layers.Count;
        long tableEnd = RtmFormat.HeaderSize + (8L * k) + ((long)RtmFormat.LayerEntrySize * layers);
        var offsets = new long[layers];
        long pos = RtmFormat.Align(tableEnd);
        for (int i = 0; i < layers; i++)
        {
            offsets[i] = pos;
            pos = RtmFormat.Align(pos + model.Layers[i].Payload.Length);
        }

        long length = pos + RtmFormat.ChecksumSize;
        var buf = new byte[length];
        Span<byte> s = buf;
        RtmFormat.Magic.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], RtmFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], RtmFormat.HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], (uint)model.Layout.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[20..], (uint)model.Layout.FftSize);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)model.Layout.WindowLength);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], (uint)model.Layout.Hop);
        BinaryPrimitives.WriteUInt32LittleEndian(s[32..], model.WindowKind);
        BinaryPrimitives.WriteUInt32LittleEndian(s[36..], (uint)model.ContextFrames);
        BinaryPrimitives.WriteUInt32LittleEndian(s[40..], model.FeatureKind);
        BinaryPrimitives.WriteUInt32LittleEndian(s[44..], model.OutputKind);
        BinaryPrimitives.WriteSingleLittleEndian(s[48..], model.GainFloor);
        BinaryPrimitives.WriteUInt32LittleEndian(s[52..], (uint)layers);
        BinaryPrimitives.WriteUInt64LittleEndian(s[56..], (ulong)length);
        BinaryPrimitives.WriteSingleLittleEndian(s[64..], model.GainExponent);
        BinaryPrimitives.WriteSingleLittleEndian(s[68..], model.LevelTauSeconds);
        BinaryPrimitives.WriteSingleLittleEndian(s[72..], model.DefaultAttenuationLimitDb);

        int o = RtmFormat.HeaderSize;
        foreach (float v in model.Mean)
        {
            BinaryPrimitives.WriteSingleLittleEndian(s[o..], v);
            o += 4;
        }

        foreach (float v in model.Std)
        {
            BinaryPrimitives.WriteSingleLittleEndian(s[o..], v);
            o += 4;
        }

        for (int i = 0; i < layers; i++)
        {
            RtmLayer layer = model.Layers[i];
            Span<byte> e = s.Slice(o, RtmFormat.LayerEntrySize);
            BinaryPrimitives.WriteUInt32LittleEndian(e, (uint)layer.In);
            BinaryPrimitives.WriteUInt32LittleEndian(e[4..], (uint)layer.Out);
            BinaryPrimitives.WriteUInt32LittleEndian(e[8..], (uint)layer.Activation);
            int n = Encoding.ASCII.GetBytes(layer.Format, e.Slice(16, RtmFormat.FormatFieldSize));
            if (n == 0 || n >= RtmFormat.FormatFieldSize)
            {
                throw new ArgumentException($"format name '{layer.Format}' must be 1..15 ASCII characters.");
            }

            BinaryPrimitives.WriteUInt64LittleEndian(e[32..], (ulong)offsets[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(e[40..], (ulong)layer.Payload.Length);
            layer.Payload.CopyTo(s[(int)offsets[i]..]);
            o += RtmFormat.LayerEntrySize;
        }

        ulong hash = XxHash64.HashToUInt64(s[..(int)(length - RtmFormat.ChecksumSize)]);
        BinaryPrimitives.WriteUInt64LittleEndian(s[(int)(length - RtmFormat.ChecksumSize)..], hash);
        return buf;
    }
}

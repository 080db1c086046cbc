using System.Text.Json;
using System.Text.Json.Serialization;
using RtDenoise.Training.Nn;

namespace RtDenoise.Training;

/// <summary>
/// Resumable training state: options, history, normalisation, network weights and Adam moments.
/// <code>
///   "RTDNCKPT" | i32 version | i32 json length | json (options, epoch, step, history, best) |
///   f32[] mean | f32[] std | per layer: W, B, mW, vW, mB, vB (each i32 length + f32 values)
/// </code>
/// </summary>
public sealed partial class Checkpoint
{
    private const int Version = 1;

    public required TrainOptions Options { get; init; }
    public required int EpochsDone { get; init; }
    public required long Step { get; init; }
    public required List<EpochRecord> History { get; init; }
    public required int BestEpoch { get; init; }
    public required double BestScore { get; init; }

    /// <summary>What <see cref="BestScore"/> measures ("validation loss" or a scorer's name).</summary>
    public string? Selection { get; init; }
    public required float[] Mean { get; init; }
    public required float[] Std { get; init; }
    public required Mlp Net { get; init; }
    public required AdamW Adam { get; init; }

    internal sealed record State(TrainOptions Options, int EpochsDone, long Step, List<EpochRecord> History, int BestEpoch,
        double BestScore, int[] Sizes, string? Selection);

    public void Save(string path)
    {
        // Atomic, and a device or FIFO is written in place rather than replaced.
        using var atomic = new RtDenoise.Offline.Audio.AtomicFileWriter(path);
        using (var w = new BinaryWriter(atomic.Stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write("RTDNCKPT"u8);
            w.Write(Version);
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(new State(Options, EpochsDone, Step, History, BestEpoch,
                BestScore, Net.Sizes.ToArray(), Selection), StateJson.Default.State);
            w.Write(json.Length);
            w.Write(json);
            Write(w, Mean);
            Write(w, Std);
            for (int l = 0; l < Net.LayerCount; l++)
            {
                Write(w, Net.W[l]);
                Write(w, Net.B[l]);
                Write(w, Adam.MW[l]);
                Write(w, Adam.VW[l]);
                Write(w, Adam.MB[l]);
                Write(w, Adam.VB[l]);
            }
        }

        atomic.Commit();
    }

    public static Checkpoint Load(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        if (!r.ReadBytes(8).AsSpan().SequenceEqual("RTDNCKPT"u8) || r.ReadInt32() != Version)
        {
            throw new InvalidDataException($"{path}: not an rtdenoise training checkpoint (version {Version}).");
        }

        int len = r.ReadInt32();
        if (len <= 0 || len > r.BaseStream.Length)
        {
            throw new InvalidDataException($"{path}: checkpoint header length {len} is invalid.");
        }

        State s = JsonSerializer.Deserialize(r.ReadBytes(len), StateJson.Default.State)
            ?? throw new InvalidDataException($"{path}: empty checkpoint header.");
        var net = new Mlp(s.Sizes, 0);
        var adam = new AdamW(net) { Step = s.Step };
        float[] mean = Read(r, path), std = Read(r, path);
        for (int l = 0; l < net.LayerCount; l++)
        {
            Fill(r, net.W[l], path);
            Fill(r, net.B[l], path);
            Fill(r, adam.MW[l], path);
            Fill(r, adam.VW[l], path);
            Fill(r, adam.MB[l], path);
            Fill(r, adam.VB[l], path);
        }

        return new Checkpoint
        {
            Options = s.Options,
            EpochsDone = s.EpochsDone,
            Step = s.Step,
            History = s.History,
            BestEpoch = s.BestEpoch,
            BestScore = s.BestScore,
            Selection = s.Selection,
            Mean = mean,
            Std = std,
            Net = net,
            Adam = adam,
        };
    }

    private static void Write(BinaryWriter w, float[] a)
    {
        w.Write(a.Length);
        byte[] bytes = new byte[a.Length * 4];
        Buffer.BlockCopy(a, 0, bytes, 0, bytes.Length);
        w.Write(bytes);
    }

    private static float[] Read(BinaryReader r, string path)
    {
        int n = r.ReadInt32();
        if (n < 0 || (long)n * 4 > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new InvalidDataException($"{path}: truncated checkpoint.");
        }

        var a = new float[n];
        Buffer.BlockCopy(r.ReadBytes(n * 4), 0, a, 0, n * 4);
        return a;
    }

    private static void Fill(BinaryReader r, float[] dst, string path)
    {
        float[] a = Read(r, path);
        if (a.Length != dst.Length)
        {
            throw new InvalidDataException($"{path}: checkpoint tensor has {a.Length} values, expected {dst.Length}.");
        }

        a.CopyTo(dst, 0);
    }

    /// <summary>The header's JSON contract, generated at compile time (no reflection: trimming and NativeAOT safe).</summary>
    [JsonSerializable(typeof(State))]
    internal sealed partial class StateJson : JsonSerializerContext
    {
    }
}

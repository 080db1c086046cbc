namespace RtDenoise.HostApp.Tests.Architecture;

/// <summary>
/// docs/architecture.md's namespace rule, checked against the compiled assemblies and their sources: within each
/// shipped assembly the namespaces use one another in one direction only, so each can be read, tested and moved
/// with only what lies below it.
/// </summary>
public sealed class NamespaceCycleTests
{
    [Fact]
    public void No_shipped_assembly_has_a_namespace_cycle()
    {
        IReadOnlyList<ShippedAssembly> shipped = ShippedAssemblies.Locate(CliRunner.RepoRoot());

        List<string> cycles = shipped.OrderBy(s => s.Project, StringComparer.Ordinal)
            .SelectMany(s => NamespaceGraphReader.Read(s).CycleReports())
            .ToList();

        // Every project was read: a missing one would pass the check below vacuously.
        Assert.Equal(ArchitectureRules.AllowedReferences.Keys.Order(StringComparer.Ordinal), shipped.Select(s => s.Project).Order(StringComparer.Ordinal));
        Assert.True(cycles.Count == 0, "namespaces that use each other (move a type down so that uses run one way):\n" + string.Join('\n', cycles));
    }

    [Fact]
    public void A_use_only_a_method_body_shows_is_an_edge()
    {
        ShippedAssembly engine = Assert.Single(ShippedAssemblies.Locate(CliRunner.RepoRoot()), s => s.Project == "RealtimeEngine");

        NamespaceGraph graph = NamespaceGraphReader.Read(engine);

        // GuardedCall names PortAudioException only in a `throw new` (fully qualified, no using directive): the
        // edge is read from the IL, which also proves the graph is not empty.
        Assert.Equal(
            "GuardedCall uses PortAudioException",
            graph.Edges[new NamespaceEdge("RtDenoise.Engine.Live", "RtDenoise.Engine.PortAudio")]);
    }

    [Fact]
    public void A_source_file_shows_its_namespace_usings_and_the_constants_it_reads()
    {
        SourceFile file = SourceFile.Parse("Processing/Limit.cs", """
            using RtDenoise.Engine.Model;
            using static RtDenoise.Engine.Stft.Windows;

            namespace RtDenoise.Engine.Processing;

            /// <summary>Unlike <see cref="Speex.SpeexProcessor.SuppressParameter"/>, a floor.</summary>
            public static class Limit
            {
                public const float NoneDb = RtmFormat.NoAttenuationLimitDb; // not Chain.Gain.UnityDb
                public static int Kind => (int)Stft.FrameKind.Analysis;
            }
            """.Split('\n'));
        ILookup<(string TypeName, string Member), ConstantMember> constants = new ConstantMember[]
        {
            new("RtmFormat", "NoAttenuationLimitDb", "RtDenoise.Engine.Model"),
            new("FrameKind", "Analysis", "RtDenoise.Engine.Stft"),
            new("SpeexProcessor", "SuppressParameter", "RtDenoise.Engine.Speex"),
            new("Gain", "UnityDb", "RtDenoise.Engine.Chain"),
        }.ToLookup(c => (c.TypeName, c.Member));

        Assert.Equal("RtDenoise.Engine.Processing", file.Namespace);
        Assert.Equal(["RtDenoise.Engine.Model", "RtDenoise.Engine.Stft.Windows"], file.Usings);
        Assert.Equal(
            [("RtDenoise.Engine.Model", "RtmFormat.NoAttenuationLimitDb"), ("RtDenoise.Engine.Stft", "FrameKind.Analysis")],
            ConstantReads.In(file, constants));
    }

    [Fact]
    public void A_cycle_is_reported_with_every_edge_in_it_and_an_example_each()
    {
        var graph = new NamespaceGraph("Sample", new Dictionary<NamespaceEdge, string>
        {
            [new("Sample.Stft", "Sample.Processing")] = "StreamingStft uses AttenuationLimit",
            [new("Sample.Processing", "Sample.Model")] = "Processing/Limit.cs has using Sample.Model",
            [new("Sample.Model", "Sample.Stft")] = "RtmModel uses StftLayout",
            [new("Sample.Model", "Sample.Buffers")] = "RtmModel uses AlignedBuffer",
        });

        string report = Assert.Single(graph.CycleReports());

        Assert.Equal(
            "Sample: namespace cycle through Sample.Model, Sample.Processing, Sample.Stft:\n"
            + "  Sample.Model → Sample.Stft (RtmModel uses StftLayout)\n"
            + "  Sample.Processing → Sample.Model (Processing/Limit.cs has using Sample.Model)\n"
            + "  Sample.Stft → Sample.Processing (StreamingStft uses AttenuationLimit)",
            report);
    }

    [Fact]
    public void Uses_that_run_one_way_are_not_a_cycle()
    {
        var graph = new NamespaceGraph("Sample", new Dictionary<NamespaceEdge, string>
        {
            [new("Sample", "Sample.Chain")] = "DenoiserFactory uses ChainProcessor",
            [new("Sample.Chain", "Sample.Stft")] = "ChainProcessor uses StreamingStft",
            [new("Sample", "Sample.Stft")] = "DenoiserFactory uses StreamingStft",
        });

        Assert.Empty(graph.CycleReports());
    }
}

using RtDenoise.Engine.Chain;
using RtDenoise.Offline.Chain;

namespace RtDenoise.Engine.Tests.Chain;

public sealed class ChainSpecParserTests
{
    [Fact]
    public void ParsesTheDocumentedExample()
    {
        IReadOnlyList<ChainElementSpec> c = ChainSpecParser.Parse(" highpass:80 , dnn,limiter:-1 ");
        Assert.Equal(["highpass", "dnn", "limiter"], c.Select(e => e.Kind));
        Assert.Equal(80f, c[0].Value);
        Assert.Null(c[1].Value);
        Assert.Equal(-1f, c[2].Value);
    }

    [Fact]
    public void ParsesLadspaElementsWithControls()
    {
        ChainElementSpec e = ChainSpecParser.ParseElement("ladspa:/usr/lib/ladspa/lowpass_iir_1891.so:lowpass_iir?Cutoff Frequency=1200.5&1=2");
        Assert.Equal("/usr/lib/ladspa/lowpass_iir_1891.so", e.Library);
        Assert.Equal("lowpass_iir", e.Label);
        Assert.Equal([new("Cutoff Frequency", 1200.5f), new("1", 2f)], e.Controls);
    }

    [Theory]
    [InlineData("highpass:80,,dnn", "element 2")]
    [InlineData("highpass:eighty", "highpass:eighty")]
    [InlineData("highpass", "highpass")]
    [InlineData("reverb:3", "reverb:3")]
    [InlineData("dnn:model.rtm", "dnn:model.rtm")]
    [InlineData("ladspa:amp.so", "ladspa:amp.so")]
    [InlineData("ladspa:amp.so:amp?gain", "gain")]
    [InlineData("gain:-3,limiter:x", "limiter:x")]
    [InlineData("", "empty")]
    public void ErrorsNameTheBadToken(string spec, string expected)
    {
        var ex = Assert.Throws<InvalidChainSpecException>(() => ChainSpecParser.Parse(spec));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsesJsonStringsAndObjects()
    {
        const string json = """
            { "chain": [
                "highpass:80",
                { "processor": "gain", "value": -3 },
                { "processor": "ladspa", "library": "amp_1181.so", "label": "amp", "controls": { "Amps gain (dB), with comma": 6 } },
                "limiter"
            ] }
            """;
        IReadOnlyList<ChainElementSpec> c = ChainSpecParser.ParseJson(json, "test.json");
        Assert.Equal(["highpass", "gain", "ladspa", "limiter"], c.Select(e => e.Kind));
        Assert.Equal(-3f, c[1].Value);
        Assert.Equal("Amps gain (dB), with comma", c[2].Controls[0].Key);
    }

    [Theory]
    [InlineData("[]", "non-empty")]
    [InlineData("[{\"value\": 3}]", "test.json[0]")]
    [InlineData("[{\"processor\": \"gain\", \"value\": \"loud\"}]", "loud")]
    [InlineData("{ not json", "not valid JSON")]
    public void JsonErrorsSayWhere(string json, string expected)
    {
        var ex = Assert.Throws<InvalidChainSpecException>(() => ChainSpecParser.ParseJson(json, "test.json"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AJsonFileArgumentIsRead()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rtd-chain-{Environment.ProcessId}.json");
        File.WriteAllText(path, "[\"gain:2\"]");
        try
        {
            Assert.Equal(2f, ChainSpecParser.ParseArgument(path)[0].Value);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Contains("does not exist", Assert.Throws<InvalidChainSpecException>(() => ChainSpecParser.ParseArgument("/nonexistent/chain.json")).Message, StringComparison.Ordinal);
    }
}

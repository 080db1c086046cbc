using RtDenoise.Engine.Chain;
using RtDenoise.Offline.Chain;

namespace RtDenoise.Engine.Tests.Chain;

/// <summary>
/// Hostile chain specs: too many elements or dnn elements, a chain "file" that is a device or too large, a lone
/// surrogate, invalid UTF-8 and numbers beyond float's range are each refused with
/// <see cref="InvalidChainSpecException"/> before any processor is built.
/// </summary>
public sealed class ChainLimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rtd-chainlim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_thousand_dnn_elements_are_refused_in_text_and_json()
    {
        string text = string.Join(',', Enumerable.Repeat("dnn", 1000));
        Assert.Contains($"more than the {ChainLimits.MaxElements}", Refused(() => ChainSpecParser.Parse(text)));
        string json = "[" + string.Join(',', Enumerable.Repeat("\"dnn\"", 1000)) + "]";
        Assert.Contains($"more than the {ChainLimits.MaxElements}", Refused(() => ChainSpecParser.ParseJson(json, "c.json")));
    }

    [Fact]
    public void More_dnn_elements_than_the_limit_are_refused()
    {
        string text = string.Join(',', Enumerable.Repeat("dnn", ChainLimits.MaxDnnElements + 1));
        Assert.Contains("dnn elements", Refused(() => ChainSpecParser.Parse(text)));
        Assert.Equal(ChainLimits.MaxDnnElements, ChainSpecParser.Parse(string.Join(',', Enumerable.Repeat("dnn", ChainLimits.MaxDnnElements))).Count);
    }

    [Fact]
    public void A_device_as_chain_file_is_refused_by_kind()
    {
        Assert.Contains("'/dev/zero' is a device, not a regular file", Refused(() => ChainSpecParser.ParseArgument("/dev/zero")));
    }

    [Fact]
    public void A_chain_file_over_the_size_limit_is_refused_by_length()
    {
        string path = Path.Combine(_dir, "big.json");
        File.WriteAllText(path, "[\"bypass\"" + new string(' ', ChainLimits.MaxJsonFileBytes) + "]");
        Assert.Contains($"more than the {ChainLimits.MaxJsonFileBytes}-byte limit", Refused(() => ChainSpecParser.ParseArgument(path)));
    }

    [Fact]
    public void Invalid_utf8_in_a_chain_file_is_refused_naming_the_byte()
    {
        string path = Path.Combine(_dir, "bad.json");
        File.WriteAllBytes(path, [(byte)'[', (byte)'"', 0xC3, (byte)'"', (byte)']']);
        Assert.Contains("not valid UTF-8", Refused(() => ChainSpecParser.ParseArgument(path)));
    }

    [Theory]
    [InlineData("[\"gain:\\ud800\"]")]
    [InlineData("[{\"processor\": \"ladspa\", \"library\": \"x.so\", \"label\": \"\\udc00\"}]")]
    [InlineData("[{\"processor\": \"\\ud800\"}]")]
    public void A_lone_surrogate_is_refused(string json)
    {
        Assert.Contains("c.json", Refused(() => ChainSpecParser.ParseJson(json, "c.json")));
    }

    [Theory]
    [InlineData("[{\"processor\": \"ladspa\", \"library\": \"x.so\", \"label\": \"l\", \"controls\": {\"g\": 1e39}}]")]
    [InlineData("[{\"processor\": \"gain\", \"value\": 1e39}]")]
    public void Json_numbers_beyond_float_range_are_refused_like_text(string json)
    {
        Assert.Contains("not a finite number", Refused(() => ChainSpecParser.ParseJson(json, "c.json")));
        Assert.Contains("not a finite number", Refused(() => ChainSpecParser.Parse("gain:1e308")));
    }

    private static string Refused(Func<object> parse) => Assert.Throws<InvalidChainSpecException>(parse).Message;
}

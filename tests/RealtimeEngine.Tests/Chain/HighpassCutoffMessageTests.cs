using System.Globalization;
using RtDenoise.Engine.Chain;

namespace RtDenoise.Engine.Tests.Chain;

/// <summary>An out-of-range cut-off is reported as the user wrote it, not as the clamped value.</summary>
public sealed class HighpassCutoffMessageTests
{
    [Fact]
    public void Cutoff_above_the_parameter_range_is_refused_with_the_users_value()
    {
        var e = Assert.Throws<InvalidChainSpecException>(() => new HighpassProcessor(3e38f));
        Assert.Contains(3e38f.ToString(CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("highpass:192000", e.Message, StringComparison.Ordinal);
    }
}

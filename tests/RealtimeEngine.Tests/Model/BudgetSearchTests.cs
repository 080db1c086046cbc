using RtDenoise.Engine.Model;
using RtDenoise.ModelFormat.Quantization;
using RtDenoise.Offline.Model;

namespace RtDenoise.Engine.Tests.Model;

public sealed class BudgetSearchTests
{
    [Fact]
    public void Never_exceeds_the_budget()
    {
        RtmModel m = TestModels.Random(31, window: 128, context: 2, hidden: 40, heScaled: true);
        BudgetSearch.Choice? smallest = null;
        int solved = 0;
        for (long budget = 500; budget <= m.TotalBytes + 1000; budget += 797)
        {
            BudgetSearch.Choice? c = BudgetSearch.Search(m, budget);
            if (c is null)
            {
                Assert.Null(smallest);
                continue;
            }

            smallest ??= c;
            solved++;

            // The exact memory of the model actually built from the choice, not just the search's own sum.
            RtmModel q = ModelQuantizer.Quantize(m, c.Formats);
            RtmModel back = RtmModel.Parse(RtmWriter.ToBytes(q), "b.rtm");
            Assert.Equal(c.TotalBytes, back.TotalBytes);
            Assert.True(back.TotalBytes <= budget, $"budget {budget}: {string.Join(",", c.Formats)} needs {back.TotalBytes} bytes");
        }

        Assert.True(solved > 5);
        Assert.NotNull(smallest);

        // Just below the smallest solution found there is either a smaller solution or none, never an overrun.
        BudgetSearch.Choice? below = BudgetSearch.Search(m, smallest!.TotalBytes - 1);
        Assert.True(below is null || below.TotalBytes < smallest.TotalBytes);

        // A budget of the whole float model keeps it float (zero proxy).
        BudgetSearch.Choice? all = BudgetSearch.Search(m, m.TotalBytes);
        Assert.NotNull(all);
        Assert.All(all!.Formats, f => Assert.Equal(WeightFormatKind.Fp32, f.Kind));
    }

    [Fact]
    public void An_impossible_budget_has_no_solution()
    {
        RtmModel m = TestModels.Random(32, hidden: 16);
        Assert.Null(BudgetSearch.Search(m, m.NormalisationBytes + 10));
    }
}

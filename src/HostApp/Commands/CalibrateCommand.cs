using System.CommandLine;
using System.Globalization;
using RtDenoise.Engine.Model;
using RtDenoise.HostApp.Cli;
using RtDenoise.Offline.Model;

namespace RtDenoise.HostApp.Commands;

/// <summary>
/// <c>rtdenoise calibrate MODEL --gain-exponent G --out OUT</c>: writes a copy of a model with the mask exponent γ
/// (g = (floor + (1 − floor)·σ(z))^γ). Training fits γ = 1; a γ below 1 chosen on validation data softens the mask
/// where the network over-suppresses unseen speech (see models/MODEL_CARD.md).
/// </summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Model file (.rtm)" };
        var exponent = new Option<float>("--gain-exponent") { Description = "Mask exponent γ in (0, 4]", Required = true };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        EmptyPathCheck.AddTo("calibrate", model);
        EmptyPathCheck.AddTo("calibrate", output);
        var cmd = new Command("calibrate", "Write a copy of a model with another mask exponent");
        cmd.Arguments.Add(model);
        cmd.Options.Add(exponent);
        cmd.Options.Add(output);
        cmd.SetAction(parseResult => CommandGuard.Run(() =>
        {
            float g = parseResult.GetValue(exponent);
            if (!float.IsFinite(g) || g <= 0f || g > 4f)
            {
                throw new UserInputException($"--gain-exponent {g.ToString(CultureInfo.InvariantCulture)} must be in (0, 4].");
            }

            string inPath = parseResult.GetValue(model)!;
            RtmModel m = RtmModel.Load(inPath);
            string outPath = parseResult.GetValue(output)!;
            InputOverwriteGuard.Refuse("--out", outPath, "the input model", inPath);
            RtmWriter.Write(outPath, m.WithGainExponent(g));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {outPath} (gain exponent {g})"));
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}

using System.CommandLine;
using RtDenoise.HostApp.Cli;
using RtDenoise.Training;
using RtDenoise.Training.Data;

namespace RtDenoise.HostApp.Commands;

/// <summary><c>rtdenoise make-devset --out DIR [--data DIR] [--count N] [--seed S]</c>: the fixed, seeded validation
/// set; another seed draws other mixtures of the same held-out speakers, noises and rooms (a second check set that no
/// training run or selection has seen — the trainer validates on the default seed's first mixtures).</summary>
public static class MakeDevsetCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to create clean/, noisy/ and meta.tsv in", Required = true };
        var data = new Option<string>("--data") { Description = "Corpus folder: the project's (MANIFEST.tsv; its held-out speakers, noises and rooms) or your own (speech/ and noise/ folders of WAV files, all used)", DefaultValueFactory = _ => "../shared/data" };
        var count = new Option<int>("--count") { Description = "Mixtures (even: dry, odd: reverberant)", DefaultValueFactory = _ => DevSet.DefaultCount };
        var seed = new Option<int>("--seed") { Description = "Mixture seed (the default is the set every figure in models/ uses)", DefaultValueFactory = _ => DevSet.Seed };
        var profile = new Option<string>("--profile") { Description = "default (the training recipe's conditions) or real (held-out sources under real-device conditions: levels -45..-10 dBFS, microphone EQ and band limits, rumble, white/pink/brown noise, rooms, mild clipping)", DefaultValueFactory = _ => "default" };
        profile.AcceptOnlyFromAmong([.. DevSet.Profiles]);
        var cmd = new Command("make-devset", "Write the fixed validation set (unseen speakers, noises and rooms)");
        cmd.Options.Add(profile);
        cmd.Options.Add(output);
        cmd.Options.Add(data);
        cmd.Options.Add(count);
        cmd.Options.Add(seed);
        cmd.SetAction(parseResult => CommandGuard.Run(() =>
        {
            string dir = parseResult.GetValue(data)!;
            bool manifest = File.Exists(Path.Combine(dir, "MANIFEST.tsv"));
            if (!manifest && !PlainCorpus.IsPlainCorpus(dir))
            {
                throw new UserInputException($"--data {dir}: {(Directory.Exists(dir) ? "neither a MANIFEST.tsv (the project's training corpus) nor speech/ and noise/ folders of WAV files there" : "no such folder")}; point it at your own recordings laid out as DIR/speech/SPEAKER/*.wav and DIR/noise/*.wav (samples/corpus is a small example).");
            }

            int n = parseResult.GetValue(count);
            if (n < 2 || n > 10000)
            {
                throw new UserInputException($"--count {n} must be in 2..10000.");
            }

            // The project's corpus gives its held-out side; a plain folder is the user's set, used whole.
            CorpusPart validation = manifest ? Corpus.Load(dir).Validation : PlainCorpus.Load(dir);
            var mixtures = DevSet.Generate(validation, n, parseResult.GetValue(seed), DevSet.ProfileOptions(parseResult.GetValue(profile)!));
            string outDir = parseResult.GetValue(output)!;
            DevSet.Write(outDir, mixtures);
            Console.Out.WriteLine($"wrote {n} mixtures ({n - (n / 2)} dry, {n / 2} reverberant) to {outDir}/clean, {outDir}/noisy and meta.tsv");
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}

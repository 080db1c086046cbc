using RtDenoise.Training.Data;

namespace RtDenoise.Training.Tests;

/// <summary>A malformed or incomplete MANIFEST.tsv is refused with one message naming the file, the line and what
/// is wrong (make-devset and train used to end in a stack trace).</summary>
public sealed class ManifestValidationTests : IDisposable
{
    private const string Header = "file\tduration_s\tkind\tcategory\tsource\tsource_path\tlicence\tspeaker_id\tnote";
    private readonly string _dir = Directory.CreateTempSubdirectory("rtd-manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("speech/a.wav\t1.0\tspeech", ":2: 3 tab-separated columns")]
    [InlineData("speech/a.wav\tlong\tspeech\tvctk\ts\tp\tcc\tp227\t", ":2: duration_s 'long'")]
    [InlineData("speech/a.wav\tNaN\tspeech\tvctk\ts\tp\tcc\tp227\t", ":2: duration_s 'NaN'")]
    [InlineData("../etc/a.wav\t1\tspeech\tvctk\ts\tp\tcc\tp227\t", ":2: file '../etc/a.wav' must be a path inside")]
    public void A_bad_row_names_the_line_and_the_field(string row, string expected)
    {
        string manifest = Write(Header, row);
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => ManifestEntry.Read(manifest));
        Assert.Contains("MANIFEST.tsv" + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_header_is_line_1()
    {
        string manifest = Write("speech/a.wav\t1\tspeech\tvctk\ts\tp\tcc\tp227\t");
        Assert.Contains("MANIFEST.tsv:1:", Assert.Throws<InvalidDataException>(() => ManifestEntry.Read(manifest)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_file_that_does_not_exist_names_its_line()
    {
        Write(Header, "speech/a.wav\t1\tspeech\tvctk\ts\tp\tcc\tp227\t", "noise/n.wav\t1\tnoise\thousehold\ts\tp\tcc\t\t");
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => Corpus.Load(_dir));
        Assert.Contains("MANIFEST.tsv:2: listed file 'speech/a.wav' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_without_noise_is_incomplete()
    {
        Write(Header, "speech/a.wav\t1\tspeech\tvctk\ts\tp\tcc\tp227\t");
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => Corpus.Load(_dir));
        Assert.Contains("lists no noise files", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_file_that_is_not_a_wav_names_its_line()
    {
        Write(Header, "speech/a.wav\t1\tspeech\tvctk\ts\tp\tcc\tp227\t", "noise/n.wav\t1\tnoise\thousehold\ts\tp\tcc\t\t");
        Directory.CreateDirectory(Path.Combine(_dir, "speech"));
        Directory.CreateDirectory(Path.Combine(_dir, "noise"));
        File.WriteAllText(Path.Combine(_dir, "speech", "a.wav"), "not audio");
        File.WriteAllText(Path.Combine(_dir, "noise", "n.wav"), "not audio");
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => Corpus.Load(_dir));
        Assert.Matches(@"MANIFEST\.tsv:[23]: '(speech/a|noise/n)\.wav'", ex.Message);
    }

    private string Write(params string[] lines)
    {
        string path = Path.Combine(_dir, "MANIFEST.tsv");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}

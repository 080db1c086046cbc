namespace RtDenoise.Engine.PortAudio;

/// <summary>The engine opens two one-way streams (a duplex stream through the ALSA pulse plugin keeps its start-up backlog).</summary>
public enum StreamDirection
{
    Input,
    Output,
}

namespace RtDenoise.HostApp.Live;

/// <summary>The virtual microphone cannot be set up: the message names what is missing (pactl, a server, a module).</summary>
public sealed class VirtualMicException(string message) : Exception(message);

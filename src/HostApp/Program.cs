using RtDenoise.HostApp.Cli;

return RtDenoiseCli.Run(args);

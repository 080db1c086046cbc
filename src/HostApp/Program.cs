using RtDenoise.HostApp;

return RtDenoiseCli.Run(args);

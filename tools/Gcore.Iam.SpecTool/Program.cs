using Gcore.Iam.SpecTool;

return await Cli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

package org.xai4j.cli;

import picocli.CommandLine;

/** Every subcommand of {@code xai}, registered in one place. */
final class Commands {
    private Commands() {}

    static void register(CommandLine cl) {
        // one line per command
        cl.addSubcommand(new PredictCommand());
        cl.addSubcommand(new InfoCommand());
        cl.addSubcommand(new LayersCommand());
        cl.addSubcommand(ExplainCommand.withMethodList());
        cl.addSubcommand(new ImportanceCommand());
        cl.addSubcommand(new PdpCommand());
        cl.addSubcommand(new UncertaintyCommand());
        cl.addSubcommand(new CalibrateCommand());
        cl.addSubcommand(new OptimizeCommand());
        cl.addSubcommand(new MutagenesisCommand());
        cl.addSubcommand(new ReportCommand());
    }
}

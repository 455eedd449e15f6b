#!/usr/bin/env node
// The `reglab` command (package.json "bin"): `reglab run` executes notebooks as tests,
// `reglab kernel` manages the Jupyter kernel spec (src/cli/kernel.ts).
import { Command, CommanderError } from 'commander';
import { killAllKernels } from '../runner/kernel';
import { normalizeParameterArgs } from '../runner/parameters';
import { version } from '../version';
import { kernelCommand } from './kernel';
import { runCommand } from './run';

export function program(): Command {
  const reglab = new Command('reglab')
    .description('Regularization in deep learning, taught in TypeScript notebooks: tools for running them.')
    .version(version);
  reglab.addCommand(runCommand());
  // ── Subcommands from other modules are added here ──
  reglab.addCommand(kernelCommand());
  for (const command of [reglab, ...reglab.commands]) {
    command.exitOverride().configureOutput({ outputError: (text, write) => write(text) });
  }
  return reglab;
}

/** Runs the CLI; resolves to the exit status (2 for bad usage). */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(normalizeParameterArgs(argv));
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(e.code) ? 0 : 2;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

if (require.main === module) {
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      killAllKernels();
      process.stderr.write(`reglab: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

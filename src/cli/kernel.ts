// `reglab kernel install | uninstall | list`: the Jupyter kernel spec, on request only.
import { Command, Option } from 'commander';
import { DEFAULT_NAME, install, list, uninstall, type SpecLocationOptions } from '../kernel/spec';

interface LocationFlags {
  name: string;
  user?: boolean;
  sysPrefix?: boolean;
  dataDir?: string;
  python?: string;
}

function location(flags: LocationFlags): SpecLocationOptions {
  if (flags.sysPrefix && flags.dataDir) throw new Error('--sys-prefix and --data-dir exclude each other');
  return {
    name: flags.name,
    scope: flags.sysPrefix ? 'sys-prefix' : 'user',
    dataDir: flags.dataDir,
    python: flags.python,
  };
}

function withLocation(command: Command): Command {
  return command
    .option('--name <name>', 'kernel spec name', DEFAULT_NAME)
    .addOption(new Option('--user', "the user's Jupyter data directory (default)"))
    .addOption(new Option('--sys-prefix', "<sys.prefix>/share/jupyter of Jupyter's Python (a virtualenv)"))
    .option('--data-dir <dir>', 'an explicit Jupyter data directory (the spec goes to <dir>/kernels/<name>)')
    .option('--python <python>', 'the Python for --sys-prefix (default: $REGLAB_PYTHON or python3)');
}

export function kernelCommand(): Command {
  const kernel = new Command('kernel').description(
    'the Jupyter kernel spec "reglab" (TypeScript): one spec for every project, starting the reglab ' +
      "installed where the notebook is. Installing the npm package never touches Jupyter's kernels.",
  );

  withLocation(kernel.command('install'))
    .description('register the reglab kernel spec with Jupyter (replaces an earlier reglab spec)')
    .option('--node <command>', 'node command in the spec: default the absolute path of this node; "node" = look up PATH')
    .option('--force', 'replace a spec of that name that reglab did not write')
    .action((flags: LocationFlags & { node?: string; force?: boolean }) => {
      const done = install({ ...location(flags), node: flags.node, force: flags.force });
      console.log(`reglab: installed the kernel spec "${done.name}" in ${done.dir}`);
      console.log(`  argv: ${JSON.stringify(done.spec.argv)}`);
      console.log('  each notebook starts the reglab of the nearest node_modules/reglab at or above its folder');
    });

  withLocation(kernel.command('uninstall'))
    .description('remove the reglab kernel spec')
    .option('--force', 'remove a spec of that name that reglab did not write')
    .action((flags: LocationFlags & { force?: boolean }) => {
      const removed = uninstall({ ...location(flags), force: flags.force });
      console.log(removed ? `reglab: removed ${removed}` : `reglab: no kernel spec "${flags.name}" to remove`);
    });

  kernel
    .command('list')
    .description('the kernel specs Jupyter sees (reglab\'s marked with *)')
    .option('--json', 'as JSON')
    .action((flags: { json?: boolean }) => {
      const specs = list();
      if (flags.json) {
        console.log(JSON.stringify(specs, null, 2));
        return;
      }
      for (const s of specs) {
        const ours = s.spec.metadata?.reglab ? '*' : ' ';
        console.log(`${ours} ${s.name.padEnd(16)} ${s.dir}  (${s.spec.display_name})`);
      }
      if (specs.length === 0) console.log('no kernel specs found');
    });

  return kernel;
}

// `node dist/cli/kernel.js install …` (what `npm run kernel` runs) until the `reglab` bin lands.
if (require.main === module) {
  kernelCommand()
    .parseAsync(process.argv)
    .catch((error: Error) => {
      console.error(`reglab kernel: ${error.message}`);
      process.exit(1);
    });
}

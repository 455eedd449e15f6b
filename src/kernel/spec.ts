// The Jupyter kernel spec `reglab`: install, uninstall, locate, list.
//
// A kernel spec is a folder `<data dir>/kernels/<name>/` holding kernel.json (how Jupyter starts
// the kernel) and any resources; https://jupyter-client.readthedocs.io/en/latest/kernels.html.
// Ours holds kernel.json and the launcher (see launcher.ts), whose argv is
//
//     [<node>, "{resource_dir}/launch.js", "{connection_file}"]
//
// so nothing in it points into a checkout: it cannot dangle when one is deleted, and several
// checkouts (or projects) share it — each notebook gets the reglab of its own project.
// Installing the npm package never calls this; `reglab kernel install` does, explicitly.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { env } from '../env';
import { version } from '../version';
import { LAUNCHER_FILE, launcherSource } from './launcher';

export const DEFAULT_NAME = 'reglab';
export const DISPLAY_NAME = 'TypeScript (reglab)';

export interface SpecLocationOptions {
  /** Kernel spec name (a folder name: letters, digits, `.`, `_`, `-`). Default: `reglab`. */
  name?: string;
  /**
   * Which Jupyter data directory: `user` (default; `$JUPYTER_DATA_DIR`, else
   * `$XDG_DATA_HOME/jupyter` or `~/.local/share/jupyter`; `~/Library/Jupyter` on macOS,
   * `%APPDATA%\jupyter` on Windows) or `sys-prefix` (`<sys.prefix>/share/jupyter` of
   * `python`, the Python that runs Jupyter — a virtualenv's, or `/usr` for Debian's).
   */
  scope?: 'user' | 'sys-prefix';
  /** An explicit Jupyter data directory; overrides `scope`. Default: none. */
  dataDir?: string;
  /** The Python whose sys.prefix `sys-prefix` means. Default: `$REGLAB_PYTHON`, else `python3`. */
  python?: string;
}

export interface SpecInstallOptions extends SpecLocationOptions {
  /**
   * The node command written into argv. Default: the absolute path of the node running the
   * install (`process.execPath`), so kernels start also where Jupyter's PATH lacks node
   * (desktop launchers); pass `node` to look it up on Jupyter's PATH at each start instead
   * (survives a node upgrade by nvm, needs node on that PATH).
   */
  node?: string;
  /** Replace a spec of that name that reglab did not write. Default: false (refused). */
  force?: boolean;
}

export interface KernelSpecJson {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: 'signal' | 'message';
  metadata?: { reglab?: { version: string } };
}

export interface InstalledSpec {
  name: string;
  dir: string;
  spec: KernelSpecJson;
}

/** `<data dir>/kernels/<name>` for these options (whether or not it exists). */
export function locate(options: SpecLocationOptions = {}): string {
  return join(dataDir(options), 'kernels', checkName(options.name ?? DEFAULT_NAME));
}

/** The kernel.json this version writes. */
export function specJson(node: string = process.execPath): KernelSpecJson {
  return {
    argv: [node, `{resource_dir}/${LAUNCHER_FILE}`, '{connection_file}'],
    display_name: DISPLAY_NAME,
    language: 'typescript',
    // SIGINT stops synchronous code and awaits; see src/kernel/interrupt.ts.
    interrupt_mode: 'signal',
    metadata: { reglab: { version } },
  };
}

/**
 * Writes the spec folder (kernel.json + launch.js) atomically: built in a temporary sibling
 * folder, then renamed into place. Replaces an earlier reglab spec of that name; refuses any
 * other spec of that name unless `force`.
 */
export function install(options: SpecInstallOptions = {}): InstalledSpec {
  const dir = locate(options);
  const name = checkName(options.name ?? DEFAULT_NAME);
  if (existsSync(dir) && !options.force && !isReglabSpec(dir)) {
    throw new Error(
      `a kernel spec ${JSON.stringify(name)} that reglab did not write exists at ${dir}; ` +
        'pass --force to replace it, or --name to install under another name',
    );
  }
  const spec = specJson(options.node ?? process.execPath);
  const kernels = join(dir, '..');
  mkdirSync(kernels, { recursive: true });
  const tmp = mkdtempSync(join(kernels, `.${name}-`));
  try {
    writeFileSync(join(tmp, 'kernel.json'), JSON.stringify(spec, null, 2) + '\n');
    writeFileSync(join(tmp, LAUNCHER_FILE), launcherSource());
    if (existsSync(dir)) {
      const old = `${tmp}-old`;
      renameSync(dir, old);
      renameSync(tmp, dir);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, dir);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { name, dir, spec };
}

/** Removes the spec if reglab wrote it; returns its folder, or undefined when there was none. */
export function uninstall(options: SpecLocationOptions & { force?: boolean } = {}): string | undefined {
  const dir = locate(options);
  if (!existsSync(dir)) return undefined;
  if (!options.force && !isReglabSpec(dir)) {
    throw new Error(`the kernel spec at ${dir} was not written by reglab; pass --force to remove it anyway`);
  }
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

/**
 * Every kernel spec Jupyter would see, in its search order (`$JUPYTER_PATH`, the user data
 * directory, then the system ones); the first of a name wins, as in Jupyter.
 */
export function list(): InstalledSpec[] {
  const seen = new Map<string, InstalledSpec>();
  for (const data of searchPath()) {
    const kernels = join(data, 'kernels');
    if (!existsSync(kernels)) continue;
    for (const name of readdirSync(kernels).sort()) {
      const file = join(kernels, name, 'kernel.json');
      if (seen.has(name.toLowerCase()) || name.startsWith('.') || !existsSync(file)) continue;
      try {
        seen.set(name.toLowerCase(), { name, dir: join(kernels, name), spec: JSON.parse(readFileSync(file, 'utf8')) });
      } catch {
        // an unreadable kernel.json is Jupyter's to report
      }
    }
  }
  return [...seen.values()];
}

/** True when the folder's kernel.json was written by reglab. */
export function isReglabSpec(dir: string): boolean {
  try {
    const spec = JSON.parse(readFileSync(join(dir, 'kernel.json'), 'utf8')) as KernelSpecJson;
    return spec.metadata?.reglab !== undefined;
  } catch {
    return false;
  }
}

/** Jupyter's user data directory (jupyter_core's jupyter_data_dir()). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  const home = env.HOME || homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Jupyter');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'jupyter');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'jupyter');
}

function dataDir(options: SpecLocationOptions): string {
  if (options.dataDir !== undefined) {
    if (options.dataDir.trim() === '') throw new Error('`dataDir` must be a folder path; received ""');
    return resolve(options.dataDir);
  }
  const scope = options.scope ?? 'user';
  if (scope === 'user') return userDataDir();
  if (scope === 'sys-prefix') return join(sysPrefix(options.python), 'share', 'jupyter');
  throw new Error(`\`scope\` must be "user" or "sys-prefix"; received ${JSON.stringify(scope)}`);
}

function sysPrefix(python = env.python() ?? 'python3'): string {
  try {
    return execFileSync(python, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
  } catch (error) {
    throw new Error(`cannot ask ${JSON.stringify(python)} for sys.prefix (needed by --sys-prefix): ${(error as Error).message}`);
  }
}

function searchPath(): string[] {
  const fromEnv = (process.env.JUPYTER_PATH ?? '').split(delimiter).filter(Boolean);
  const system = process.platform === 'win32' ? [] : ['/usr/local/share/jupyter', '/usr/share/jupyter'];
  return [...fromEnv, userDataDir(), ...system];
}

function checkName(name: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) {
    throw new Error(`\`name\` must be letters, digits, ".", "_" or "-" (not starting with "."); received ${JSON.stringify(name)}`);
  }
  return name;
}

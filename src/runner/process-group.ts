// Killing a kernel leaves nothing behind: the kernel is spawned detached (its own process group),
// and we SIGKILL that group plus every descendant found beforehand — some tools a notebook may
// start (e.g. a headless browser) put themselves in a new process group, which `kill -pgid` misses.
import { execFileSync } from 'node:child_process';

/** Every descendant of `pid` (children, grandchildren, …), from `ps`; empty when ps is unavailable. */
export function descendants(pid: number): number[] {
  let table: string;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const line of table.split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!Number.isInteger(child) || !Number.isInteger(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as number;
    found.push(next);
    stack.push(...(children.get(next) ?? []));
  }
  return found;
}

/** SIGKILLs the process group led by `pid` and all its descendants. Synchronous: safe in exit handlers. */
export function killProcessTree(pid: number): void {
  const tree = descendants(pid);
  signal(-pid);
  for (const p of tree) {
    signal(-p); // its own group, if it leads one
    signal(p);
  }
}

/** SIGKILLs every descendant of `pid` (and the groups they lead), leaving `pid` itself alive. */
export function killDescendants(pid: number): void {
  for (const p of descendants(pid)) {
    signal(-p);
    signal(p);
  }
}

function signal(target: number): void {
  try {
    process.kill(target, 'SIGKILL');
  } catch {
    // already gone (ESRCH) or not a group leader: nothing to do
  }
}

/** True when a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

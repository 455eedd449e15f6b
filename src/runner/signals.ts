// SIGINT/SIGTERM/SIGHUP kill every running kernel before the runner exits (130/143/129); the
// parent-death watchdog covers the signals no handler sees (SIGKILL).
import { killAllKernels } from './kernel';

const EXIT: Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export function installSignalHandlers(program = 'reglab run'): void {
  process.on('exit', () => killAllKernels());
  for (const signal of Object.keys(EXIT) as (keyof typeof EXIT)[]) {
    process.on(signal, () => {
      const killed = killAllKernels();
      process.stderr.write(`\n${program}: received ${signal}; killed ${killed} kernel(s).\n`);
      process.exit(EXIT[signal]);
    });
  }
}

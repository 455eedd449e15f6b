// Shared set-up of the plot tests: every display the plot module sends is captured instead of
// reaching a kernel, and the environment flags a test depends on are cleared before each test and
// restored after it. rl.config.smoke is read once at load (CI runs with REGLAB_SMOKE=1), so it is
// switched off here and restored too.
import { beforeEach, afterEach } from 'node:test';
import { setDisplaySender, type DisplayContent } from '../../src/plot/display';
import { resetSession } from '../../src/plot/show';
import * as config from '../../src/config';

export interface SentDisplay {
  content: DisplayContent;
  /** True when the display replaced an earlier one (update_display_data). */
  update: boolean;
}

export interface CaptureOptions {
  /** Environment variables deleted before each test (restored after). */
  clear?: readonly string[];
  /** Environment variables set before each test (restored after). */
  set?: Readonly<Record<string, string>>;
}

/** Registers the hooks; `sent()` is the list of displays of the running test. */
export function captureDisplays(options: CaptureOptions = {}): { sent(): SentDisplay[] } {
  const names = [...new Set([...(options.clear ?? []), ...Object.keys(options.set ?? {})])];
  const saved = Object.fromEntries(names.map((k) => [k, process.env[k]]));
  const savedSmoke = config.smoke;
  let sent: SentDisplay[] = [];
  beforeEach(() => {
    sent = [];
    for (const k of names) delete process.env[k];
    Object.assign(process.env, options.set ?? {});
    config.setSmoke(false);
    setDisplaySender((content, update) => sent.push({ content, update }));
    resetSession();
  });
  afterEach(() => {
    setDisplaySender(undefined);
    config.setSmoke(savedSmoke);
    for (const k of names) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });
  return { sent: () => sent };
}

#!/usr/bin/env node
'use strict';
// Registers the tslab kernel spec with Jupyter, pointing at this checkout's tslab binary,
// so JupyterLab, classic Notebook and nbclient start the same kernel the headless runner uses.
// Without Jupyter this is a skipped step with one line, never a failure (see README).
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const tslab = path.join(root, 'node_modules', '.bin', 'tslab');

function has(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}

if (process.env.REGLAB_SKIP_KERNELSPEC) {
  console.log('reglab: REGLAB_SKIP_KERNELSPEC is set; not registering the tslab kernel with Jupyter.');
  process.exit(0);
}
if (!fs.existsSync(tslab)) {
  console.log('reglab: tslab is not installed (dev dependencies omitted?); skipped the Jupyter kernel spec.');
  process.exit(0);
}
// The Python that owns Jupyter: an explicit choice, else the interpreter named in the `jupyter`
// script's shebang (pyenv's python3 and Debian's /usr/bin/python3 often differ), else python3.
function jupyterPython() {
  const which = spawnSync('sh', ['-c', 'command -v jupyter'], { encoding: 'utf8' });
  const script = (which.stdout || '').trim();
  if (!script) return undefined;
  const first = fs.readFileSync(script, 'utf8').split('\n', 1)[0];
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
  if (!m) return undefined;
  return m[1].endsWith('/env') ? m[2] : m[1];
}
const candidates = [process.env.REGLAB_PYTHON, jupyterPython(), 'python3', '/usr/bin/python3'].filter(Boolean);
const python = candidates.find((py) => has(py, ['-c', 'import jupyter_client']));
if (!python) {
  console.log(`reglab: Jupyter not found (none of ${candidates.join(', ')} can import jupyter_client); ` +
    'skipped the tslab kernel spec. Install Jupyter, then run `npm run kernel` (see README).');
  process.exit(0);
}
const r = spawnSync(tslab, ['install', `--python=${python}`, `--binary=${tslab}`, '--user'], { encoding: 'utf8' });
if (r.status !== 0) {
  console.log(`reglab: could not register the tslab kernel spec (exit ${r.status}): ${(r.stderr || '').trim()}`);
  process.exit(0);
}
console.log(`reglab: registered the tslab kernel spec for Jupyter (binary ${tslab}).`);

// The launcher copied into the kernel spec folder (`launch.js`): it finds the kernel of the
// reglab installed where the notebook is, so one spec serves every checkout and project.
//
// Jupyter, nbclient and the headless runner start a kernel in the notebook's folder. The
// launcher walks from there up to the root looking for node_modules/reglab/dist/kernel/main.js
// and runs it in its own process (no second process: signals such as SIGINT reach the kernel).
// Deleting one checkout therefore breaks nothing for notebooks of another. It is plain
// CommonJS with no dependencies and a stable contract (`main([connectionFile])`), so a
// launcher written by an older reglab keeps starting newer kernels.

/** The launcher's file name inside the kernel spec folder. */
export const LAUNCHER_FILE = 'launch.js';

export function launcherSource(): string {
  return `'use strict';
// Written by \`reglab kernel install\`. Starts the reglab kernel of the project the notebook is
// in: the nearest node_modules/reglab from the kernel's working directory (the notebook's
// folder) upward. Reinstall with \`npx reglab kernel install\`; remove with \`npx reglab kernel uninstall\`.
const fs = require('fs');
const path = require('path');

function findKernel(start) {
  let found;
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'node_modules', 'reglab');
    if (fs.existsSync(path.join(pkg, 'package.json'))) {
      const main = path.join(pkg, 'dist', 'kernel', 'main.js');
      if (fs.existsSync(main)) return { main };
      found = found || pkg;
    }
    if (path.dirname(dir) === dir) return { unbuilt: found };
  }
}

const connectionFile = process.argv[2];
const kernel = findKernel(process.cwd());
if (!kernel.main) {
  process.stderr.write(kernel.unbuilt
    ? 'reglab kernel: ' + kernel.unbuilt + ' has no dist/kernel/main.js (a checkout not built yet? run npm run build there).\\n'
    : 'reglab kernel: reglab is not installed for ' + process.cwd() + ': no node_modules/reglab in it or any folder above it. ' +
      'Install it in the notebook\\'s project (npm install reglab), or open the notebook from such a project.\\n');
  process.exit(1);
}
require(kernel.main).main([connectionFile]);
`;
}

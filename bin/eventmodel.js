#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled TypeScript under out/.
require('../out/src/cli/main.js').main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`eventmodel: internal error: ${err && err.stack || err}`); process.exitCode = 2; }
);

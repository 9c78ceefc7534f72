#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled TypeScript under out/.
// A reader that stops early (`eventmodel check | head -1`) closes the pipe: the rest of the output
// is dropped and the command still ends with its own exit code, silently.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED')) return;
    throw err;
  });
}
require('../out/src/cli/main.js')
  .main(process.argv)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`eventmodel: internal error: ${(err && err.stack) || err}`);
      process.exitCode = 2;
    },
  );

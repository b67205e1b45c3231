// The `neardup` executable (dist/cli.js, with a `#!/usr/bin/env node` line added by the build).
// Everything it does is in runCli; this file only connects it to the process.
import { runCli } from './runCli.js';

// A reader that closes early (`neardup ... | head`) makes stdout emit EPIPE: runCli treats the
// failed write as the end of the output, and this keeps the event from crashing the process.
process.stdout.on('error', () => undefined);
// The same for stderr (`neardup ... 2>&1 | head`): with no reader left, the messages have no one to reach.
process.stderr.on('error', () => undefined);

process.exitCode = await runCli({ argv: process.argv.slice(2), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });

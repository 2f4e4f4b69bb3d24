/**
 * `npm run demo`: the whole product on one machine with nothing else installed:
 * the production web server (which starts the embedded Aedes broker and the ingest)
 * and the simulator publishing the Games into that broker.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const mqttPort = process.env.EMBEDDED_MQTT_PORT ?? '1884';
const children: ChildProcess[] = [];

function run(name: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    console.error(`[demo] ${name} exited (${signal ?? code}); stopping`);
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

if (process.env.MQTT_URL) {
  console.log(
    `[demo] MQTT_URL is set: the web server will use ${process.env.MQTT_URL}; the simulator publishes there too`,
  );
}
run('web server', process.execPath, ['--import', 'tsx', 'scripts/serve.ts', '-p', port]);
// The simulator reconnects until the embedded broker is up.
run('simulator', process.execPath, [
  '--import',
  'tsx',
  'telemetry-sim/cli.ts',
  '--url',
  process.env.MQTT_URL ?? `mqtt://127.0.0.1:${mqttPort}`,
  '--seed',
  process.env.SIM_SEED ?? '42',
  '--speed',
  process.env.SIM_SPEED ?? '1',
]);
console.log(`[demo] wall on http://localhost:${port}`);

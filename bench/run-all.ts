/**
 * `npm run bench`: every benchmark, medians of BENCH_RUNS (default 3) runs, results in
 * bench/results/latest.json. Figures and the machine go into docs/benchmarks.md by hand.
 * Needs the Mosquitto on 127.0.0.1:1883 (BENCH_MOSQUITTO_URL) and `npm run build` for the benchmarks that run the built server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchAlarmLoad } from './alarm-load';
import { benchAlertActions } from './alert-actions';
import { benchAlertRules } from './alert-rules';
import { benchChartDrawing } from './chart-drawing';
import { benchFanout } from './stream-fanout';
import { benchFirstFrame } from './first-frame';
import { benchFailover } from './fleet-failover';
import { benchHistory } from './history-store';
import { benchBrokerCluster } from './broker-cluster';
import { benchDemoStart } from './demo-start';
import { benchFleetActions } from './fleet-actions';
import { benchFleetClients } from './fleet-clients';
import { machine, startBenchBroker } from './harness';
import { benchIngestDoor } from './ingest-door';
import { benchJsFloor } from './js-floor';
import { benchIngest } from './ingest-throughput';
import { benchLatency } from './latency';
import { benchMemory } from './memory';
import { benchOverload } from './overload';
import { benchPageWeight } from './page-weight';
import { benchPublishToPixel } from './publish-to-pixel';
import { benchScale } from './scale';
import { benchScoped } from './scoped-stream';
import { benchWallPages } from './wall-pages';
import { benchWallSoak } from './wall-soak';

const only = process.argv[2];
const stopBroker = await startBenchBroker();
const results: Record<string, unknown> = { machine: machine(), date: new Date().toISOString() };
if (!only || only === 'door') results.ingestDoor = benchIngestDoor();
if (!only || only === 'ingest') results.ingest = await benchIngest();
if (!only || only === 'latency') results.latency = await benchLatency();
if (!only || only === 'overload') results.overload = await benchOverload();
if (!only || only === 'memory') results.memory = await benchMemory();
if (!only || only === 'fanout') results.fanout = await benchFanout();
if (!only || only === 'scoped') results.scoped = await benchScoped();
if (!only || only === 'scale') results.scale = await benchScale();
if (!only || only === 'alert-rules') results.alertRules = await benchAlertRules();
if (!only || only === 'alert-actions') results.alertActions = await benchAlertActions();
if (!only || only === 'history') results.history = await benchHistory();
if (!only || only === 'page-weight') results.pageWeight = await benchPageWeight();
if (!only || only === 'chart-drawing') results.chartDrawing = await benchChartDrawing();
if (!only || only === 'js-floor') results.jsFloor = await benchJsFloor();
if (!only || only === 'first-frame') results.firstFrame = await benchFirstFrame();
if (!only || only === 'wall') results.wallPages = await benchWallPages();
if (!only || only === 'pixel') results.publishToPixel = await benchPublishToPixel();
// One long run each, not medians: a simulated Games day, and a series over time.
if (!only || only === 'alarm-load') results.alarmLoad = await benchAlarmLoad();
if (!only || only === 'soak') results.wallSoak = await benchWallSoak();
if (!only || only === 'failover') results.failover = await benchFailover();
if (!only || only === 'broker-cluster') results.brokerCluster = await benchBrokerCluster();
if (!only || only === 'start') results.demoStart = await benchDemoStart();
if (!only || only === 'fleet-actions') results.fleetActions = await benchFleetActions();
if (!only || only === 'fleet-clients') results.fleetClients = await benchFleetClients();
stopBroker();
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
process.exit(0);

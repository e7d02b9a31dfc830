import * as os from 'node:os';
import type { DiskDownloadFigure } from './diskDownload';
import { downloadCells, downloadNote, today } from './downloadFigures';
import type { CoverageFigure } from './fleetCoverage';
import type { ReplicationPollingFigure } from './replicationPolling';
import type { BenchResults } from './results';

/** Why figures stand where they do, and what would move them; kept with the code that measures them. */
const NOTES = [
  '## Reading the figures',
  '',
  '- **Floor**: the larger of two bounds. Round trips: the fewest sequential ARM round trips the REST API allows for the view, times the injected latency, with unlimited requests in parallel and no TLS or sign-in cost. Rate: ARM\'s read bucket per subscription and principal (250, refilled at 25 a second; the emulator\'s throttling is on for every figure) lets the subscription with the most reads send 250 at once and the rest at 25 a second. The benchmark waits for the bucket to be full before the full expansion, as it is after a pause.',
  '- **The machine** is shared: when other builds run on it, CPU-bound figures (tree items built, JSON parsed, TLS) read several times slower (activation, about 15–26 ms on a quiet machine since the bundle requires `vscode` once, 31.8 ms in this run and 17.1 ms in the one before, read several times that on a busy one). The figures above come from one run with the machine otherwise quiet; figures measured more than once are given below with their runs.',
  '- **Subscriptions** stay well above their floor: the first view pays for loading the Azure SDK part of the bundle (`dist/azure.js`) and one token per tenant. The credential shares the ARM clients\' HTTPS agent (`src/azure/httpsAgent.ts`), so a token request no longer rebuilds a certificate store.',
  '- **All VMs** counts the subscription-wide collection pages that the first page started in parallel and that finished during this step.',
  '- **Full expansion** reads through the read budget (`src/azure/readBudget.ts`), not a fixed cap: 312 reads in one subscription need at least (312 − 250) ÷ 25 = 2.48 s from ARM\'s bucket. The extension keeps 10 tokens in reserve, so its own least is (312 − 240) ÷ 25 = 2.88 s, plus the VM pages that come before the collections. On a quiet machine: 3110, 3048, 3405, 3480, 3506, 3127 and, in this run, 3324 ms (1.23–1.41× its floor; median 3324 ms = 1.34×), within 1.5×. On a busy one, with 32 reads in flight: 5287, 6438 and 8376 ms (2.13–3.38×); before the keep-alive fix, 16935 ms (6.83×), with a new TLS connection per request. What is above the floor is CPU: 13,740 tree items built in the extension host while the emulator answers on the same two cores.',
  '- **The longest the extension host answered nothing** during the full expansion is sampled by `monitorEventLoopDelay` (`test/bench/eventLoop.ts`); VS Code reports an extension host unresponsive after 3 s without an answer, which the integration suite\'s CI run has seen once or twice, on a busy machine, while it expanded this subscription. A CPU profile of the longest stretch (330 ms) found it starting reads: up to 128 leave at once (`MAX_READS_IN_FLIGHT` in `src/azure/clients.ts`), and each opens a TLS connection inside VS Code\'s proxy support (2–3 ms each). Letting at most 16 reads start per turn of the event loop brought it to 146 and 162 ms (405 and 435 ms without, in alternating runs; 378 ms in this run) but was not kept: a read started a turn late finds no connection left idle, since the pool keeps 16 (`src/azure/httpsAgent.ts`), so the fleet\'s coverage read opened 5,505 TLS connections instead of 129 and took 22.7 s instead of 16.5 s. Pacing new connections rather than requests would need the agent\'s help.',
  '- **TLS connections**: counted by the emulator (`GET /_emulator/connections`, its server\'s `secureConnection` events). Inside VS Code every ARM request opened a new TLS connection: the proxy support (`http.proxySupport`, "override" by default) gives each request an agent of its own without keep-alive (microsoft/vscode#228872), so Node sent `Connection: close`, whatever agent the SDK was given. Every ARM request now says `Connection: keep-alive` (`src/azure/keepAlive.ts`, a policy in the SDK\'s pipeline), and the proxy agent hands a direct connection to the emulator, on localhost, to the agent it came with, our keep-alive agent, which reuses it (a direct connection to any other host goes to Node\'s global agent, also keep-alive). Full expansion: 313 connections for 312 requests before, 31 after with 32 reads in flight (one per request in flight), 127 with 128; the fleet\'s tree: 806 for 805 before, 1 after with the pool of the earlier views kept, 113 now that only 16 idle connections are kept (`src/azure/httpsAgent.ts`): after a pause, a burst of reads opens what it needs beyond those 16, which costs a TLS handshake each and saves the buffers of idle connections in between. The Subscriptions view still opens one per sign-in request: the credential\'s pipeline is `@azure/identity`\'s.',
  '- **At 20,000 VMs** means the tree with the `fleet` data set\'s 200 subscriptions expanded and every VM page loaded ("Load more…" clicked through): the extension holds 20,000 VM items and each subscription\'s collection index (15,000 collections), and the benchmark holds the 20,000 tree items it was given, as VS Code\'s view does. Each reading follows a full garbage collection with that tree held, once right after the listing and once 20 s later (`memoryWhenSettled` in `test/bench/memory.ts`); the target is judged on the second, taken once the host has settled, as VS Code\'s own share before activation is (the same 20 s of quiet, then a full collection: it read 158 MB, as it did after 5 s). The listing leaves V8 a young generation grown to 32 MB and half-empty old-space pages, which a full collection keeps and V8\'s memory reducer gives back once allocation is quiet: right after the listing RSS reads about 100 MB more. Runs of this code: JS heap +44.9, +45.7 and +45.0 MB (median +45.0 MB, +44.5 MB settled; about 2.3 KB per VM with its collections), RSS settled +93, +90 and +77 MB (median +90 MB), right after the listing +197, +191 and +162 MB (median +191 MB); the fleet\'s tree took 29.6, 41.4 and 18.1 s on the busy machine (27.5, 28.7 and 92.2 s before). With up to 128 reads in flight and 16 idle connections kept (`src/azure/httpsAgent.ts`, through which the extension reaches the emulator on localhost; inside VS Code with its default proxy setting, Azure\'s own endpoints go through Node\'s global agent instead, which keeps up to 256 idle connections but closes each after 5 s idle, so a reading taken after 20 s of quiet holds none; the run that kept every one for good read +102 MB): the fleet alone, heap +44.5 MB and settled RSS +94 MB; full runs, which expand the large subscription first, heap +54.4 and +53.1 MB and settled RSS +102 MB (every idle connection kept), +88 MB (16 kept) and +77 MB (16 kept, VS Code\'s own share read after the same quiet); the fleet\'s tree took 8.8–9.9 s on the quiet machine (9.7 and 11.2 s in the last two runs). Before these changes the heap grew by about 100 MB (+100.9, +102.9 and +103.7 MB; +91.7 MB in a run beside these), about 5 KB per VM, and RSS by +219 to +260 MB right after the listing. A heap snapshot showed where it went: the VM items, 18 MB (each kept the SDK\'s nested VM model, an object with three closures for its collections, and an empty map); the tree items, 13 MB (9 MB of it the hover\'s Markdown, made for every VM); a compute client kept for good per subscription, 11 MB (a client holds a closure for each operation of the API, about 57 KB); the collection index, 16 MB, mostly ARM ids (a collection\'s own, its lower-cased key, and its VM\'s id and key once more). Now a VM item keeps one flat summary (`summarizeVm` in `src/tree/model/trimmed.ts`) and its id key, asks its subscription for its collections by that key, makes its hover when VS Code asks for it (`resolveTreeItem`), and shares its icon, description and context value with the items that look alike; a subscription keeps one copy of each VM\'s id and key for its item and the collections that name it; the index\'s lists are copied to their size once sorted; only the 16 most recently used subscriptions keep their clients (`src/azure/clients.ts`). What is left of the heap is mostly ids (20,000 VMs and 15,000 collections, 130–200 characters each, and their keys), the rest of the collection index, and the SDK\'s code (4.5 MB of heap since its files are ASCII and the network client and Storage load apart; see Memory). Since that change: heap +31.7 and, in this run, +33.0 MB, settled RSS +57 and +67 MB; the run before it, +49.9 and +82 MB, of which the SDK\'s part is about 8 MB of heap; the rest of the difference was not broken down. The coverage report holds one row per VM rather than tree nodes; its memory is measured on its own, below.',
  '- **The coverage report at 20,000 VMs**: Show Restore Point Coverage… run as from the view\'s title bar, over every subscription the view shows for the `fleet` data set (its 200 subscriptions and the four empty demo ones), ARM\'s throttling on and all of the data made by the emulator first, untimed; the page is open with the rows posted to it, and the extension keeps the report for it (`test/bench/coverageMemory.ts`). The part runs in an extension host of its own, a second VS Code that `runBench.ts` starts for it: its baseline is that host\'s own share before activation, read the same way (the same quiet, then a full collection), and the difference is the report and what reading it left behind, not the tree expanded in the first host. Readings as for the tree (`memoryWhenSettled`), the target judged on the settled RSS. Runs: RSS settled +93, +100 and +89 MB, JS heap +27.9, +29.3 and +27.9 MB, right after the report +190, +251 and +190 MB; before the change below, +122 MB (heap +30.7 MB), and +99 MB (heap +35.9 MB) while the benchmark itself still held the emulator\'s request log of 15,000 entries. VS Code\'s own share read 155, 121, 165, 109 and 162 MB in those runs: the baseline alone moves by 50 MB here, so the figure lands on either side of 100 MB and the target is met only at its edge. The full run above: +108 MB settled (VS Code\'s own 130 MB, 238 MB in all), heap +17.3 MB; the reading took 27.4 s. The runs before it: +68 MB (VS Code\'s own 141 MB, 209 MB in all), heap +18.6 MB, 27.5 s; +67 MB, heap +24.8 MB, 28.2 s, before the SDK\'s files shrank (see Memory); +79 MB, heap +27.9 MB, 30.7 s. The heap is the report\'s and has only fallen; the RSS figure is judged against VS Code\'s own share, which moves by 50 MB from run to run. Where it goes: the report is 11.9 MB of heap (measured in plain Node by dropping it: about 600 bytes a VM, mostly its ARM id, its collection\'s and their arrays), 13.1 MB before a row shared its subscription\'s id and the report kept one copy of each region and state (`src/azure/coverage.ts`); the rest of the heap is the Azure SDK (its source, held as a string of 1.5 MB, 6.2 MB before its files were ASCII and split, and its compiled code) and the API object VS Code makes for the extension (heap snapshots before activation and once settled). RSS is 80 MB more than V8\'s committed heap once settled (anonymous memory 187 MB against a heap of 81 MB; 65 against 41 before activation): native memory that the read\'s traffic passed through (15,000 answers over TLS, 250 MB of JSON) and the allocator keeps. The same read in plain Node leaves 40–80 MB of it, and glibc\'s trim and arena settings (`MALLOC_TRIM_THRESHOLD_`, `MALLOC_ARENA_MAX`) did not give it back. The reading inside VS Code took 35.3, 35.1 and 43.6 s on the quiet machine, against 18.2, 19.4 and 25.6 s for `readCoverage` in plain Node in the same runs (inside VS Code the emulator runs in the benchmark\'s own process, beside the browser\'s driver; where the rest of the difference goes: see the note on the coverage report inside VS Code).',
  '- **Coverage of the fleet**: measured in plain Node with the extension\'s `readCoverage` and its client factory (read budget, retry policy, keep-alive; `test/bench/fleetCoverage.ts`) against the emulator in a process of its own, ARM\'s throttling on. Before the timing the emulator generates all of the data set (`POST /_emulator/store/generate`), so the figure is the extension\'s reading, not the emulator\'s generating. The floor is 18 Resource Graph pages per tenant one after the other, then one round of collection reads: 19 × 50 = 950 ms; no subscription needs more than its bucket\'s burst (75 collections each), so the rate bound is 0. It misses 1.5×, and no client can meet it on this machine. The floor counts unlimited requests at once and a server of unlimited capacity; the third coverage row measures the CPU time of each process\'s main thread, where JavaScript, JSON parsing and TLS records run (`test/bench/mainThreadCpu.ts`, read from /proc): however fast the server and however many requests are in flight, the same work takes at least that long on this CPU. The bare client (`test/bench/bareReplay.ts`: the same 15,036 requests on one keep-alive agent, 512 at once, each answer only JSON-parsed) needs 6.4 s of it in this run, 6.8× the floor, for about 250 MB of JSON (each collection read answers about 17 KB: ten restore points, each with its VM\'s metadata), and the emulator\'s main thread needs 5.5 s to answer them; `readCoverage` needs 14.2 s, the rest being the Azure SDK\'s work per request (its pipeline\'s policies, URL templates and abort signals, its model deserializers and the promises of each request) and the garbage it leaves. Wall time on the quiet machine: 17.4 s, the bare client 9.4 s (the runs before: 16.5 s against 10.3 s, and 13.1 s of CPU against 7.4 s, the emulator 5.9 s; 17.1 s against 9.9 s, and 13.7 s of CPU against 6.8 s, the emulator 5.5 s; 18.1 s against 8.7 s, and 14.3 s of CPU against 6.2 s, the emulator 4.8 s). Since that run the ARM clients go without the SDK\'s tracing policy, which with no tracer registered still parsed each URL and opened an empty span; coverage keeps each collection\'s summary as its answer arrives, so the whole model no longer outlives the read in V8\'s old generation (455 MB moved there during a read, now about 150 MB); and a read\'s budget no longer parses its URL. Measured alternately with the code before, on a busy machine, these saved 9–11% of the client\'s CPU. The read limiter\'s queue now takes constant time per entry (`src/azure/fifoQueue.ts`); that matters only above about 16,000 queued reads, where `Array.prototype.shift` stops trimming in place, so not for this fleet\'s 15,000. Earlier runs measured the bare client with 64 requests at once, when ⌈15,000 ÷ 64⌉ × 50 ms = 11.7 s of it was waiting on latency: `readCoverage` 15.8, 15.7 and 18.8 s against 13.7, 14.7 and 14.6 s; on a busy machine 36.7 s against 19.2 s, and 91.3 s against 66.3 s. Before this round: 83.4, 135.3 and 274.3 s (median 135.3 s). CPU profiles of a whole read found most of it in the emulator: 66 s of CPU, of which settling deletions and VM operations scanned every disk and VM before each request (16 s) and every Resource Graph page evaluated its query again over 35,000 rows (21 s), since a POST counted as a write; the emulator now settles only what is changing and keeps a query\'s answer until something changes. The client\'s CPU goes to parsing JSON (4.4 s), TLS (4.2 s) and the garbage collector (3.2 s); the SDK\'s model deserializers take 1 s. No 429 was answered: the read budget kept every subscription within its bucket.',
  '- **The coverage report inside VS Code** takes longer than `readCoverage` in plain Node (27.4 s against 17.4 s in this run, 27.5 s against 16.5 s, 28.2 s against 17.1 s and 30.7 s against 18.1 s in the runs before), and the extension host is busy for all of it: its CPU time per request is what differs (`RESTORE_POINTS_BENCH_CPU_PROFILE=<folder>` writes CPU profiles of both reads and every process\'s CPU time meanwhile; `test/bench/cpuProfile.ts`). In the extension host every request goes through VS Code\'s proxy support (`http.proxySupport`, "override" by default), whose agent is built on `agent-base`: given no protocol in a request\'s options it captured two stack traces per request to tell HTTPS from HTTP, and VS Code formats every stack trace itself, which took 4–5.5 s of a read. ARM and sign-in requests now name their protocol (`src/azure/requestProtocol.ts`); in alternating runs on a busy machine the host\'s CPU for a read fell from 23–25.5 s to 18–19 s. What remains is VS Code\'s: its replacement of `https.request` reads the whole configuration twice per request (about 2.5 s per read, under every value of the setting), and its agent is made for each request (about 0.8 s).',
  '- **Memory**: the extension host already holds VS Code\'s own extensions before ours activates; our share is the difference, read after a full garbage collection both times (`test/bench/memory.ts`; `RESTORE_POINTS_BENCH_HEAP_SNAPSHOT=<folder>` writes a heap snapshot at both moments). Tree nodes keep trimmed models (`src/tree/model/trimmed.ts`: a restore point\'s full JSON carries its VM\'s whole model) and View Properties reads the full JSON from ARM when asked. The JS heap is what the extension holds, the Azure SDK included. After the full expansion it read +29.1, +28.1 and +28.8 MB, over the 25 MB target, and the snapshots showed the SDK holding 12 MB of it, measured again in plain Node: 12.3 MB of heap for loading `dist/azure.js`. Two causes. The file held four curly quotes, in a regular expression esbuild leaves as written, so V8 kept its 3.2 MB of source as two-byte text: 6.2 MB. And it held the network client (1.1 MB of code, and its models) and Storage, which only restoring a VM and downloading a disk use. The build now writes every file in ASCII (`asciiOnly` in `esbuild.mjs`) and gives the network client and Storage files of their own, loaded when first used (`dist/network.js`, `dist/storage.js`; `src/azure/lazySdk.ts`): loading the SDK for the tree takes 4.5 MB of heap, and the full expansion +18.6 and +19.9 MB (+20.1 MB in a run beside other work). Each of those two files carries its own copy of the SDK\'s core, so the .vsix grew by 53 KB. The rest of the heap is mostly ARM ids and their lower-cased keys. RSS also counts the SDK\'s compiled code and pages V8 used during the expansion and has not returned to the system: +48 and, in this run, +43 MB (+78 MB before the change); it does not meet 25 MB. Earlier results (RSS without a garbage collection first) read 82 MB; the same code measured as here gave heap +26.0 MB and RSS +41 MB, and RSS readings vary by ±10 MB between runs on a shared machine.',
  downloadNote(`measured with the rest on ${today()}`),
  '- **Replication poller**: measured in Node with the extension\'s own poller (`watchReplication`) against the emulator on a manual clock, each wait moving the emulated clock, so the count is exact. ARM sends no Retry-After on a restore point GET, so the poller reads at its default interval; a Retry-After on the reads would set the interval instead (bounded to 1 s–5 min). The notification gets one report per change of percentage, fewer than the reads.',
];

type Row = (string | number)[];

/** The figures measured in plain Node, each absent when its part did not run. */
export interface NodeFigures {
  coverage?: CoverageFigure;
  polling?: ReplicationPollingFigure;
  /** Every run of the download, one after the other. */
  download?: DiskDownloadFigure[];
}

export function format(r: BenchResults, sizes: { bundleKb: number; vsixKb: number }, { coverage, polling, download }: NodeFigures): string {
  const row = (cells: Row): string => `| ${cells.join(' | ')} |`;
  const met = (ok: boolean): string => (ok ? 'yes' : '**no**');
  const figures: Row[] = [
    ['activation (bundle load + activate(), after the workbench settled)', `${r.activationMs.toFixed(1)} ms`, '≤ 50 ms', met(r.activationMs <= 50)],
    ['bundle (dist/extension.js, production)', `${sizes.bundleKb.toFixed(0)} KB`, '', ''],
    ['.vsix', `${sizes.vsixKb.toFixed(0)} KB`, '≤ 1,536 KB', met(sizes.vsixKb <= 1536)],
    ...(polling ? pollingRows(polling, met) : []),
    ...(download ? downloadCells(download) : []),
    ...treeMemoryRows(r, met),
    ...fleetRows(r, met),
    ...coverageMemoryRows(r, met),
    ...(coverage ? coverageRows(coverage, r.latencyMs, met) : []),
  ];
  const bucket = `${r.readBucket.size} + ${r.readBucket.refillPerSecond}/s`;
  const lines = [
    '# Benchmark results',
    '',
    `Measured by \`npm run bench\` on ${today()}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, VS Code ${r.vscodeVersion}; ${r.latencyMs} ms injected per ARM request; ARM's throttling on (reads: a bucket of ${bucket} per subscription).`,
    '',
    row(['figure', 'value', 'target', 'met']),
    row(['---', '---', '---', '---']),
    ...figures.map(row),
    '',
    ...(r.views.length === 0
      ? []
      : [
          row(['view', 'time', 'ARM requests', 'repeated', 'sign-in requests', 'TLS connections', `floor: round trips × latency, or reads beyond ${r.readBucket.size} ÷ ${r.readBucket.refillPerSecond}/s`, 'time / floor']),
          row(['---', '---', '---', '---', '---', '---', '---', '---']),
          ...r.views.map((v) =>
            row([
              v.view,
              `${v.ms.toFixed(0)} ms`,
              v.armRequests,
              v.repeatedRequests,
              v.signInRequests,
              v.tlsConnections,
              `${v.floorTrips} × ${r.latencyMs} = ${v.floorTrips * r.latencyMs} ms${v.rateFloorMs > 0 ? `; ${v.rateFloorMs.toFixed(0)} ms` : ''}`,
              v.floorMs > 0 ? `${(v.ms / v.floorMs).toFixed(2)}×` : '–',
            ]),
          ),
          '',
        ]),
    ...NOTES,
  ];
  return lines.join('\n');
}

function coverageRows(c: CoverageFigure, latencyMs: number, met: (ok: boolean) => string): Row[] {
  const ratio = c.ms / c.floorMs;
  return [
    [
      `coverage of the fleet (${c.virtualMachines.toLocaleString('en-US')} VMs, ${c.collectionsRead.toLocaleString('en-US')} collections read; \`readCoverage\` in plain Node), throttling on`,
      `${(c.ms / 1000).toFixed(1)} s against a floor of ${c.floorTrips} × ${latencyMs} = ${c.floorMs} ms (${ratio.toFixed(0)}×); ${c.armRequests} ARM requests, ${c.throttled} answered 429, ${c.tlsConnections} TLS connections`,
      '≤ 1.5× floor',
      met(ratio <= 1.5),
    ],
    [
      'coverage of the fleet against this machine: the same requests sent again by a bare HTTPS client (keep-alive, ' + c.bareInFlight + ' in flight, answers only JSON-parsed; Resource Graph pages one after another per tenant)',
      `${(c.bare.ms / 1000).toFixed(1)} s for ${c.bare.requests} requests${c.bare.notOk > 0 ? ` (${c.bare.notOk} not answered 200)` : ''}; \`readCoverage\` took ${(c.ms / c.bare.ms).toFixed(2)}× that`,
      '',
      '',
    ],
    [
      "coverage of the fleet: CPU time of the client's main thread (the least the same work takes on this CPU, however fast the server) and of the emulator's",
      `\`readCoverage\` ${cpu(c.clientCpuMs, c.floorMs)}, the bare client ${cpu(c.bareClientCpuMs, c.floorMs)}; the emulator ${cpu(c.emulatorCpuMs)} and ${cpu(c.bareEmulatorCpuMs)}`,
      '',
      '',
    ],
  ];
}

/** A CPU time in seconds, against the floor when given; the system may not report it. */
function cpu(ms: number | undefined, floorMs?: number): string {
  if (ms === undefined) return 'not reported';
  return `${(ms / 1000).toFixed(1)} s${floorMs ? ` (${(ms / floorMs).toFixed(1)}× the floor)` : ''}`;
}

function coverageMemoryRows(r: BenchResults, met: (ok: boolean) => string): Row[] {
  const c = r.coverageMemory;
  if (!c) return [];
  const settledRssMb = c.settledRssMb - c.vscodeRssMb;
  return [
    [
      `extension host RSS above VS Code's own holding the coverage report of the fleet (${c.virtualMachines.toLocaleString('en-US')} VMs, ${c.collectionsRead.toLocaleString('en-US')} collections read; Show Restore Point Coverage… with its page open, in an extension host of its own; after a full garbage collection, once settled)`,
      `+${settledRssMb.toFixed(0)} MB settled (${c.vscodeRssMb.toFixed(0)} → ${c.settledRssMb.toFixed(0)} MB), +${(c.rssMb - c.vscodeRssMb).toFixed(0)} MB right after the report; JS heap +${(c.settledHeapMb - c.vscodeHeapMb).toFixed(1)} MB settled, +${(c.heapMb - c.vscodeHeapMb).toFixed(1)} MB right after`,
      '≤ 100 MB',
      met(settledRssMb <= 100),
    ],
    ['the fleet\'s coverage report inside VS Code (throttling on)', `${(c.ms / 1000).toFixed(1)} s, ${c.armRequests} ARM requests, ${c.throttled} answered 429, ${c.tlsConnections} TLS connections`, '', ''],
  ];
}

function pollingRows(polling: ReplicationPollingFigure, met: (ok: boolean) => string): Row[] {
  return [
    [
      `replication poller over a ${(polling.emulatedSeconds / 60).toFixed(0)}-minute copy (test clock)`,
      `${polling.reads} reads, ${polling.reports} progress reports; ${polling.retryAfterSeconds === undefined ? 'no Retry-After from ARM' : `Retry-After ${polling.retryAfterSeconds} s`}, read every ${polling.intervalSeconds} s`,
      `≤ ${polling.impliedReads} reads (1 + ${polling.emulatedSeconds} s / ${polling.intervalSeconds} s)`,
      met(polling.reads <= polling.impliedReads),
    ],
  ];
}

function treeMemoryRows(r: BenchResults, met: (ok: boolean) => string): Row[] {
  if (r.heapMb === undefined || r.memoryMb === undefined) return [];
  const heapMb = r.heapMb - r.heapBeforeMb;
  const rssMb = r.memoryMb - r.rssBeforeMb;
  return [
    [
      `extension host JS heap above VS Code's own after the full expansion (${r.treeNodes} tree items; after a full garbage collection)`,
      `+${heapMb.toFixed(1)} MB (${r.heapBeforeMb.toFixed(0)} → ${r.heapMb.toFixed(0)} MB)`,
      '≤ 25 MB',
      met(heapMb <= 25),
    ],
    ['extension host RSS above VS Code\'s own, same moment', `+${rssMb.toFixed(0)} MB (${r.rssBeforeMb.toFixed(0)} → ${r.memoryMb.toFixed(0)} MB)`, '≤ 25 MB', met(rssMb <= 25)],
    ...(r.fullExpansionLongestBlockMs === undefined
      ? []
      : [['the longest the extension host answered nothing during the full expansion (its event loop held; sampled every 10 ms, so to within 10 ms)', `${r.fullExpansionLongestBlockMs.toFixed(0)} ms`, '', ''] as Row]),
  ];
}

function fleetRows(r: BenchResults, met: (ok: boolean) => string): Row[] {
  const fleet = r.fleet;
  if (!fleet) return [];
  const rssMb = fleet.rssMb - r.rssBeforeMb;
  const heapMb = fleet.heapMb - r.heapBeforeMb;
  const settledRssMb = fleet.settledRssMb - r.rssBeforeMb;
  const settledHeapMb = fleet.settledHeapMb - r.heapBeforeMb;
  return [
    [
      `extension host RSS above VS Code's own at ${fleet.virtualMachines.toLocaleString('en-US')} VMs (the fleet's ${fleet.subscriptions} subscriptions expanded, every VM shown; after a full garbage collection, once settled)`,
      `+${settledRssMb.toFixed(0)} MB settled (${r.rssBeforeMb.toFixed(0)} → ${fleet.settledRssMb.toFixed(0)} MB), +${rssMb.toFixed(0)} MB right after the listing; JS heap +${settledHeapMb.toFixed(1)} MB settled, +${heapMb.toFixed(1)} MB right after`,
      '≤ 100 MB',
      met(settledRssMb <= 100),
    ],
    ['the fleet\'s tree: every VM of every subscription shown (throttling on)', `${(fleet.ms / 1000).toFixed(1)} s, ${fleet.armRequests} ARM requests, ${fleet.tlsConnections} TLS connections`, '', ''],
  ];
}

/**
 * Reads a Chromium performance trace of one side-panel open (scripts/bench/trace-first-open.ts)
 * and says where the time to the first rows went: milestones, the panel's main thread by kind of
 * work, each script file's load and compile, the IndexedDB requests made before the
 * rows, and our JS by file from the CPU profile. Pure: unit-tested on a small hand-made trace.
 */

/** One event of Chrome's JSON trace format (times in µs). */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

export interface ScriptTiming {
  file: string;
  /** ms after navigation start. */
  requested: number;
  loaded: number;
  compileMs: number;
}

export interface Breakdown {
  /** ms after navigation start (NaN when the trace does not show it). */
  milestones: Record<string, number>;
  /** ms of the panel's main thread between navigation start and the first rows, by kind of work. */
  mainThread: Record<string, number>;
  scripts: ScriptTiming[];
  /** IndexedDB requests the panel made before its first rows, in order: "store.getAll @ 12.3". */
  idbRequests: string[];
  /** ms of JS (CPU profile samples) by script file before the first rows; native work under its own name. */
  jsByFile: Record<string, number>;
}

/** The kinds of main-thread work, by trace event name; the innermost named event decides. */
const KINDS: Array<[string, RegExp]> = [
  [
    'navigation commit (new document and its script contexts)',
    /^(RenderFrameImpl::CommitNavigation|AgentSchedulingGroup::Create(Frame|WebView))$/,
  ],
  ['HTML parse', /^ParseHTML$/],
  ['file loads (renderer side)', /^(ThrottlingURLLoader::|ResourceRequestSender::|URLLoader::Context::)/],
  ['script compile', /^(v8\.compile|v8\.compileModule|V8\.CompileCode|V8\.CompileLazy|v8\.produceModuleCache|v8\.produceCache)$/],
  ['module evaluation (top-level code of every chunk)', /^(v8\.evaluateModule|EvaluateScript)$/],
  [
    'JS after evaluation (IndexedDB and storage callbacks, render)',
    /^(FunctionCall|v8\.callFunction|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|FireIdleCallback|V8\.Execute)$/,
  ],
  [
    'style and layout',
    /^(UpdateLayoutTree|Layout|ParseAuthorStyleSheet|RecalculateStyles|IntersectionObserverController::computeIntersections)$/,
  ],
  ['paint and composite', /^(PrePaint|Paint|Layerize|Commit|UpdateLayer|PaintImage|UpdateLayerTree|CompositeLayers)$/],
  ['garbage collection', /(GC|MinorGC|MajorGC|V8\.GC)/],
];
const OTHER = 'other tasks (IPC, scheduling)';
const IDLE = 'idle: waiting for files, IndexedDB, storage or the next frame';

const IDB_REQUEST = /^IDB(Factory|ObjectStore|Index|Cursor)::(\w+)RequestSetup$/;

const ms = (us: number) => us / 1000;

/** The panel's document: its navigationStart mark (the clock performance.now() counts from). */
function panelNavigation(events: readonly TraceEvent[], page: string): TraceEvent | undefined {
  const marks = events.filter((e) => e.name === 'navigationStart' && JSON.stringify(e.args ?? {}).includes(page));
  return marks[marks.length - 1];
}

/**
 * The breakdown of one open. `firstRows`: ms after navigation start at which the first row was
 * visible (the page's own measurement); `page`: the document's file name.
 */
export function breakDown(events: readonly TraceEvent[], firstRows: number, page = '/sidepanel.html'): Breakdown {
  const nav = panelNavigation(events, page);
  const empty: Breakdown = { milestones: {}, mainThread: {}, scripts: [], idbRequests: [], jsByFile: {} };
  if (!nav) return empty;
  const t0 = nav.ts;
  const end = t0 + firstRows * 1000;
  const at = (e: TraceEvent | undefined) => (e ? ms(e.ts - t0) : NaN);
  const main = events
    .filter(
      (e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.dur !== undefined && e.ts + e.dur! > t0 - 100_000 && e.ts < end,
    )
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);

  // ---- Main thread by kind: each slice of time goes to the innermost event with a known kind ----
  const mainThread: Record<string, number> = Object.fromEntries([...KINDS.map(([k]) => [k, 0]), [OTHER, 0], [IDLE, 0]]);
  const kindOf = (name: string): string | null => KINDS.find(([, re]) => re.test(name))?.[0] ?? null;
  const clip = (from: number, to: number) => Math.max(0, Math.min(to, end) - Math.max(from, t0));
  interface Frame {
    e: TraceEvent;
    kind: string;
    childUs: number;
  }
  const stack: Frame[] = [];
  let busy = 0;
  const close = (f: Frame) => {
    const own = clip(f.e.ts, f.e.ts + f.e.dur!) - f.childUs;
    mainThread[f.kind] = (mainThread[f.kind] ?? 0) + ms(Math.max(0, own));
  };
  for (const e of main) {
    while (stack.length > 0 && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= e.ts) close(stack.pop()!);
    const parent = stack[stack.length - 1];
    const kind = kindOf(e.name) ?? parent?.kind ?? OTHER;
    const span = clip(e.ts, e.ts + e.dur!);
    if (parent) parent.childUs += span;
    else busy += span;
    stack.push({ e, kind, childUs: 0 });
  }
  while (stack.length > 0) close(stack.pop()!);
  mainThread[IDLE] = Math.max(0, firstRows - ms(busy));
  for (const k of Object.keys(mainThread)) mainThread[k] = Math.round(mainThread[k]! * 10) / 10;

  // ---- Script files ----
  const panel = events.filter((e) => e.pid === nav.pid && e.ts >= t0 && e.ts <= end);
  const scripts = new Map<string, ScriptTiming>();
  const fileOf = (url: unknown): string | null => {
    if (typeof url !== 'string' || !url.endsWith('.js')) return null;
    return url.replace(/^[a-z-]+:\/\/[^/]+\//, '');
  };
  const script = (file: string) => {
    let s = scripts.get(file);
    if (!s) scripts.set(file, (s = { file, requested: NaN, loaded: NaN, compileMs: 0 }));
    return s;
  };
  const requestUrl = new Map<string, string>();
  for (const e of panel) {
    const data = (e.args?.data ?? {}) as Record<string, unknown>;
    if (e.name === 'ResourceSendRequest') {
      const file = fileOf(data.url);
      if (file) {
        script(file).requested = at(e);
        requestUrl.set(String(data.requestId), file);
      }
    } else if (e.name === 'ResourceFinish') {
      const file = requestUrl.get(String(data.requestId));
      if (file) script(file).loaded = at(e);
    } else if (e.ph === 'X' && (e.name === 'v8.compileModule' || e.name === 'v8.compile')) {
      const file = fileOf(data.url ?? e.args?.fileName);
      if (file) script(file).compileMs += ms(e.dur!);
    }
  }

  // ---- IndexedDB requests before the rows ----
  const idbRequests: string[] = [];
  for (const e of panel) {
    const m = IDB_REQUEST.exec(e.name);
    if (!m) continue;
    const where = (e.args?.store_name ?? e.args?.index_name ?? e.args?.name ?? '') as string;
    idbRequests.push(`${where ? `${where}.` : ''}${m[2]} @ ${at(e).toFixed(1)}`);
  }

  // ---- Milestones ----
  const first = (pred: (e: TraceEvent) => boolean) => panel.find(pred);
  const lastBefore = (pred: (e: TraceEvent) => boolean, limit: number) => [...panel].reverse().find((e) => e.ts <= limit && pred(e));
  const evalStart = first((e) => e.name === 'v8.evaluateModule' || (e.name === 'EvaluateScript' && e.ph === 'X'));
  const commit = main.find((e) => e.name === 'RenderFrameImpl::CommitNavigation' && e.ts >= t0 - 1000);
  const dbOpen = first((e) => e.name === 'IDBFactory::openRequestSetup');
  const milestones: Record<string, number> = {
    'the panel process starts the new document (commit)': at(commit),
    'HTML parse starts': at(first((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes(page))),
    'last script file loaded': evalStart ? at(lastBefore((e) => e.name === 'ResourceFinish', evalStart.ts)) : NaN,
    'module evaluation starts': at(evalStart),
    'IndexedDB open asked': at(dbOpen),
    'IndexedDB open': at(
      first((e) => e.name === 'IDBOpenDBRequest::onSuccess(database)' || e.name.startsWith('IDBOpenDBRequest::onSuccess')),
    ),
    'first paint (page background and skeleton)': at(first((e) => e.name === 'firstPaint')),
    'first contentful paint': at(first((e) => e.name === 'firstContentfulPaint')),
    'first rows visible (measured by the page)': firstRows,
  };

  // ---- JS by file, from the CPU profile ----
  const jsByFile: Record<string, number> = {};
  const profiles = new Map<
    string,
    { start: number; nodes: Map<number, { url: string; fn: string }>; samples: number[]; deltas: number[] }
  >();
  // The panel's thread only: the extension's service worker runs in the same process.
  const panelProfiles = new Set(
    events.filter((e) => e.name === 'Profile' && e.pid === nav.pid && e.tid === nav.tid).map((e) => String(e.id)),
  );
  for (const e of events) {
    if (e.pid !== nav.pid || (e.name !== 'Profile' && e.name !== 'ProfileChunk') || !panelProfiles.has(String(e.id))) continue;
    const id = String(e.id);
    let p = profiles.get(id);
    if (!p) profiles.set(id, (p = { start: 0, nodes: new Map(), samples: [], deltas: [] }));
    const data = (e.args?.data ?? {}) as {
      startTime?: number;
      cpuProfile?: { nodes?: Array<{ id: number; callFrame: { url?: string; functionName?: string } }>; samples?: number[] };
      timeDeltas?: number[];
    };
    if (e.name === 'Profile') p.start = data.startTime ?? e.ts;
    for (const n of data.cpuProfile?.nodes ?? []) p.nodes.set(n.id, { url: n.callFrame.url ?? '', fn: n.callFrame.functionName ?? '' });
    p.samples.push(...(data.cpuProfile?.samples ?? []));
    p.deltas.push(...(data.timeDeltas ?? []));
  }
  for (const p of profiles.values()) {
    let ts = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      ts += p.deltas[i] ?? 0;
      const next = ts + (p.deltas[i + 1] ?? 0);
      if (ts < t0 || ts > end) continue;
      const node = p.nodes.get(p.samples[i]!);
      if (!node || node.fn === '(idle)') continue;
      const key = fileOf(node.url) ?? (node.fn.startsWith('(') ? node.fn : `${node.fn} (native)`);
      jsByFile[key] = (jsByFile[key] ?? 0) + ms(next - ts);
    }
  }
  for (const k of Object.keys(jsByFile)) jsByFile[k] = Math.round(jsByFile[k]! * 10) / 10;

  return { milestones, mainThread, scripts: [...scripts.values()].sort((a, b) => a.requested - b.requested), idbRequests, jsByFile };
}
